import { Button, Card, Space } from 'antd';
import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import type { ComparableField } from '@crm-policy/engine/editing';
import { comparableFields, outcomeSchemas } from '@crm-policy/engine/editing';
import type { RuleDefinition, RuleFile } from '@crm-policy/engine';
import { useI18n } from '../../i18n/I18nContext.js';
import { ConditionTreeField } from './ConditionTreeField.js';
import { OutcomeField } from './OutcomeField.js';
import { dropBranchEchoes, RULE_DEFAULTS, RULE_UI_SCHEMA, ruleFormSchema, wholeRuleValidator } from './ruleForm.js';

/** What the rule form's own fields read: the file's comparable facts and the policy's outcomes. */
export interface RuleFormContext {
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
}

/** One rule in a form generated from the rule-file schema: name, priority and description from the schema, the condition tree and the outcome from editors that know the policy. */
export function RuleEditor({ schema, file, rule, serverErrors, onApply, onCancel }: Props) {
  const { t } = useI18n();
  const [data, setData] = useState<RuleDefinition>(rule);
  const [shownServerErrors, setShownServerErrors] = useState(serverErrors);
  const shownSchema = useMemo(() => ruleFormSchema(schema), [schema]);
  const validator = useMemo(() => wholeRuleValidator(schema), [schema]);
  const context = useMemo<RuleFormContext>(() => ({ fields: comparableFields(file), outcomes: outcomeSchemas(file.policy) }), [file]);
  return (
    <Card size="small" title={t('editing', { name: rule.name })} data-testid="rule-editor">
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
        transformErrors={dropBranchEchoes}
        onChange={(event) => {
          setData(event.formData as RuleDefinition);
          setShownServerErrors(undefined);
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
    </Card>
  );
}
