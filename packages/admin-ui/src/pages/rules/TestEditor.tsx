import { Button, Drawer, Space } from 'antd';
import Form from '@rjsf/antd';
import type { RJSFSchema } from '@rjsf/utils';
import { getDefaultFormState } from '@rjsf/utils';
import type { RuleFile, RuleTestCase } from '@crm-policy/engine';
import { outcomeSchemas } from '@crm-policy/engine/editing';
import { useMemo, useState } from 'react';
import { useConfirmDiscard } from '../../components/useConfirmDiscard.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { Language } from '../../i18n/messages.js';
import { factsFormSchema } from './factsFormSchema.js';
import { outcomeTypeName, paramName } from './outcomeWords.js';
import { ruleFormErrors, ruleValidatorIn } from './ruleFormMessages.js';
import { testTitle } from './testTitle.js';
import { testTitleEntry } from './testTitleEntry.js';
import type { TitleEntry } from './testTitleEntry.js';

/** A schema with every `{ zh, en }` title read in one language, and parameter titles from the catalogue where the schema has none. */
function localized(schema: unknown, language: Language, name?: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => localized(item, language));
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'title' && value && typeof value === 'object') out[key] = (value as Record<Language, string>)[language];
    else if (key === 'properties' && value && typeof value === 'object') out[key] = Object.fromEntries(Object.entries(value).map(([prop, sub]) => [prop, localized(sub, language, prop)]));
    else out[key] = localized(value, language);
  }
  if (name && out['title'] === undefined) out['title'] = paramName(name, language);
  return out;
}

/** A value with its undefined and empty-object members left out, as JSON would compare what the admin actually entered. */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (!value || typeof value !== 'object') return value;
  const kept = Object.entries(value).map(([key, member]) => [key, withoutEmpty(member)] as const).filter(([, member]) => member !== undefined && !(member && typeof member === 'object' && !Array.isArray(member) && Object.keys(member).length === 0));
  return Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
}

interface TestForm {
  name: string;
  title?: TitleEntry;
  facts: Record<string, unknown>;
  outcomeType: string;
  params: Record<string, unknown>;
}

/** One test case in a drawer: its facts in a form generated from the file's fact schemas, and the outcome it expects with the policy's parameters. */
export function TestEditor({ file, test, taken, onApply, onClose }: { file: RuleFile; test: RuleTestCase; taken: string[]; onApply(test: RuleTestCase): void; onClose(): void }) {
  const { t, language } = useI18n();
  const outcomes = outcomeSchemas(file.policy);
  const [initial] = useState<TestForm>(() => ({ name: test.name, ...(test.title ? { title: { ...test.title } } : {}), facts: test.facts, outcomeType: test.expect.outcome?.type ?? Object.keys(outcomes)[0] ?? '', params: test.expect.outcome?.params ?? {} }));
  const [data, setData] = useState<TestForm>(initial);
  // Closing with changes not applied asks first.
  const { confirmDiscard, holder } = useConfirmDiscard();
  const schema = useMemo<RJSFSchema>(
    () => ({
      type: 'object',
      required: ['name', 'outcomeType'],
      properties: {
        name: { type: 'string', minLength: 1, title: t('titles.testId'), not: { enum: taken } },
        title: { type: 'object', title: t('titles.testTitle'), description: t('titles.testTitleHelp'), properties: { zh: { type: 'string', title: t('titles.testTitleZh') }, en: { type: 'string', title: t('titles.testTitleEn') } } },
        facts: factsFormSchema(file.facts, language, t('lc.facts')),
        outcomeType: { type: 'string', title: t('lc.outcomeType'), oneOf: Object.keys(outcomes).map((type) => ({ const: type, title: outcomeTypeName(type, language) })) },
        params: { ...(localized(outcomes[data.outcomeType] ?? { type: 'object' }, language) as RJSFSchema), title: t('lc.outcomeParams'), required: [] },
      },
    }),
    [file.facts, outcomes, data.outcomeType, language, t, taken],
  );
  // What the form holds before any edit: the test with the defaults the form fills in itself.
  const [untouched] = useState(() => withoutEmpty(getDefaultFormState(ruleValidatorIn(language), schema, initial, schema)));
  const close = () => confirmDiscard(JSON.stringify(withoutEmpty(data)) !== JSON.stringify(untouched), onClose);
  return (
    <Drawer open title={test.name ? testTitle(test, language) : t('lc.addTest')} size="large" onClose={close} data-testid="test-editor">
      {holder}
      <Form
        schema={schema}
        formData={data}
        validator={ruleValidatorIn(language)}
        showErrorList={false}
        noHtml5Validate
        transformErrors={(errors) => ruleFormErrors(language)(errors).map((error) => (error.name === 'not' ? { ...error, message: t('lc.testNameTaken') } : error))}
        customValidate={(form, errors) => {
          const { missing } = testTitleEntry(form?.title);
          if (missing) errors.title?.[missing]?.addError(t('titles.otherLanguageRequired'));
          return errors;
        }}
        // Refusals are shown on their fields, the first one scrolled to; not a console error.
        focusOnFirstError
        onError={() => undefined}
        onChange={(event) => setData(event.formData as TestForm)}
        onSubmit={(event) => {
          const form = event.formData as TestForm;
          const params = Object.fromEntries(Object.entries(form.params ?? {}).filter(([, value]) => value !== undefined));
          const { title: _old, ...rest } = test;
          const { title } = testTitleEntry(form.title);
          onApply({ ...rest, name: form.name, ...(title ? { title } : {}), facts: form.facts ?? {}, expect: { ...test.expect, outcome: { type: form.outcomeType, ...(Object.keys(params).length > 0 ? { params } : {}) } } });
        }}
      >
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit">
            {t('lc.apply')}
          </Button>
          <Button onClick={close}>{t('lc.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
