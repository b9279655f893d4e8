import type { FieldTemplateProps } from '@rjsf/utils';
import { getTemplate, getUiOptions } from '@rjsf/utils';
import { Form } from 'antd';

const FULL_WIDTH = { span: 24 };

/**
 * A template field as an antd form item, its errors where antd shows errors
 * (red, under the field) and its help and description beside them in grey:
 * @rjsf/antd's own shows `ui:help` in place of the errors and turns it red
 * with them, so help read as a second error and the real one was hidden.
 */
export function FormFieldTemplate(props: FieldTemplateProps) {
  const { children, description, rawDescription, help, rawHelp, displayLabel, hidden, id, label, rawErrors, registry, required, schema, uiSchema } = props;
  const options = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate('WrapIfAdditionalTemplate', registry, options);
  if (hidden) return <div className="rjsf-field-hidden">{children}</div>;
  const messages = rawErrors?.filter(Boolean) ?? [];
  const grey = [rawDescription ? description : undefined, rawHelp ? help : undefined].filter(Boolean);
  const container = schema.type === 'object' || schema.type === 'array';
  return (
    <WrapIfAdditionalTemplate {...props}>
      <Form.Item
        htmlFor={id}
        label={displayLabel && options.widget !== 'checkbox' ? label : undefined}
        required={required}
        labelCol={FULL_WIDTH}
        wrapperCol={FULL_WIDTH}
        validateStatus={messages.length > 0 ? 'error' : undefined}
        help={messages.length > 0 ? <div id={`${id}__error`}>{messages.map((message) => <div key={message}>{message}</div>)}</div> : undefined}
        extra={grey.length > 0 ? grey : undefined}
        style={container ? { marginBottom: 8 } : undefined}
      >
        {children}
      </Form.Item>
    </WrapIfAdditionalTemplate>
  );
}
