import { Button, Space } from 'antd';
import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import type { ComparableField } from '@crm-policy/engine/editing';
import { comparableFields, outcomeSchemas } from '@crm-policy/engine/editing';
import type { PolicyKind, RuleDefinition, RuleFile } from '@crm-policy/engine';
import { useI18n } from '../../i18n/I18nContext.js';
import { ConditionTreeField } from './ConditionTreeField.js';
import { OutcomeField } from './OutcomeField.js';
import { RULE_DEFAULTS, RULE_UI_SCHEMA, ruleFormSchema, wholeRuleValidator } from './ruleForm.js';
import { ruleFormErrors } from './ruleFormMessages.js';

/** What the rule form's own fields read: the file's comparable facts and the policy's outcomes. */
export interface RuleFormContext {
  /** The policy whose outcomes the rule produces: their names, params and units. */
  policy: PolicyKind;
  fields: readonly ComparableField[];
  outcomes: Readonly<Record<string, Record<string, unknown>>>;
}

const FIELDS = { conditionTree: ConditionTreeField, outcome: OutcomeField };

interface Props {
  schema: RJSFSchema;
  file: RuleFile;
  rule: RuleDefinition;
  /** The server's problems with this rule, placed on its fields until the admin changes something. */
  serverErrors: ErrorSchema | undefined;
  onApply(rule: RuleDefinition): void;
  onCancel(): void;
  /** Told whether the form holds changes not applied yet, so that closing the drawer can ask first. */
  onDirty?(dirty: boolean): void;
}

/** One rule in a form generated from the rule-file schema: name, priority and description from the schema, the condition tree and the outcome from editors that know the policy. */
export function RuleEditor({ schema, file, rule, serverErrors, onApply, onCancel, onDirty }: Props) {
  const { t, language } = useI18n();
  const [data, setData] = useState<RuleDefinition>(rule);
  const [shownServerErrors, setShownServerErrors] = useState(serverErrors);
  // The drawer's title names the rule: the schema's own title ("Rule") would repeat it.
  const shownSchema = useMemo(() => ({ ...ruleFormSchema(schema), title: '' }), [schema]);
  const validator = useMemo(() => wholeRuleValidator(schema, language), [schema, language]);
  const context = useMemo<RuleFormContext>(() => ({ policy: file.policy, fields: comparableFields(file, language), outcomes: outcomeSchemas(file.policy) }), [file, language]);
  return (
    <div data-testid="rule-editor">
      <Form
        schema={shownSchema}
        uiSchema={RULE_UI_SCHEMA}
        formData={data}
        validator={validator}
        fields={FIELDS}
        experimental_defaultFormStateBehavior={RULE_DEFAULTS}
        formContext={context}
        {...(shownServerErrors ? { extraErrors: shownServerErrors } : {})}
        showErrorList={false}
        // Each problem is shown on its field; without a handler rjsf logs them all as a console error.
        onError={() => undefined}
        noHtml5Validate
        transformErrors={ruleFormErrors(language)}
        onChange={(event) => {
          setData(event.formData as RuleDefinition);
          setShownServerErrors(undefined);
          onDirty?.(JSON.stringify(event.formData) !== JSON.stringify(rule));
        }}
        onSubmit={(event) => onApply(event.formData as RuleDefinition)}
      >
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit">
            {t('applyRule')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
