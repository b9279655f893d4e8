import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext.js';
import { choiceNames } from './localizedSchema.js';
import type { RuleFile } from '@crm-policy/engine';
import { ruleFormErrors, ruleValidatorIn } from './ruleFormMessages.js';

const HEADER_FIELDS = ['version', 'title', 'description', 'hitPolicy'] as const;
type Header = Pick<RuleFile, (typeof HEADER_FIELDS)[number]>;

/** The file's own settings (version, title, description, hit policy), in a form generated from the same rule-file schema (already in the page's language), hit policies by their names. */
export function FileHeaderForm({ fileSchema, file, serverErrors, onChange }: { fileSchema: RJSFSchema; file: RuleFile; serverErrors: ErrorSchema; onChange(file: RuleFile): void }) {
  const { language } = useI18n();
  const ui = useMemo<UiSchema>(() => {
    const names = choiceNames(fileSchema.properties?.['hitPolicy'] as Record<string, unknown> | undefined, language);
    return {
      'ui:order': [...HEADER_FIELDS],
      description: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } },
      ...(names ? { hitPolicy: { 'ui:enumNames': names } } : {}),
      'ui:submitButtonOptions': { norender: true },
    };
  }, [fileSchema, language]);
  const schema = useMemo<RJSFSchema>(() => {
    const properties = fileSchema.properties ?? {};
    return { type: 'object', required: ['version', 'title', 'hitPolicy'], properties: Object.fromEntries(HEADER_FIELDS.map((name) => [name, properties[name] ?? {}])) };
  }, [fileSchema]);
  // Only the header's own fields: the file's rules and facts have their problems shown elsewhere.
  const errors = Object.fromEntries(Object.entries(serverErrors).filter(([field]) => (HEADER_FIELDS as readonly string[]).includes(field))) as ErrorSchema;
  const header: Header = { version: file.version, title: file.title, hitPolicy: file.hitPolicy, ...(file.description !== undefined ? { description: file.description } : {}) };
  return (
    <Form
      schema={schema}
      uiSchema={ui}
      formData={header}
      validator={ruleValidatorIn(language)}
      liveValidate="onChange"
      showErrorList={false}
      onError={() => undefined}
      noHtml5Validate
      transformErrors={ruleFormErrors(language)}
      idPrefix="file"
      extraErrors={errors}
      onChange={(event) => {
        const next = event.formData as Header;
        const { description: _description, ...rest } = file;
        onChange({ ...rest, ...next });
      }}
    />
  );
}
