import { Alert, Button, Collapse, Space, Typography } from 'antd';
import Form from '@rjsf/antd';
import type { RuleFile } from '@crm-policy/engine';
import { useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { factsFormSchema } from './factsFormSchema.js';
import { ruleFormErrors, ruleValidatorIn } from './ruleFormMessages.js';

/**
 * Enter facts in a form generated from the policy's fact declarations (in the
 * page's language, choices by name), run them through the draft (or the
 * published version), and read the decision condition by condition.
 */
export function TryIt({ api, policy, file }: { api: ApiClient; policy: string; file: RuleFile }) {
  const { t, language } = useI18n();
  const schema = useMemo(() => factsFormSchema(file.facts, language), [file.facts, language]);
  // Starts from the first test's facts, so there is something to run at once; follows the file shown.
  const [facts, setFacts] = useState<{ file: RuleFile; value: Record<string, unknown> }>({ file, value: file.tests?.[0]?.facts ?? {} });
  const current = facts.file === file ? facts.value : (file.tests?.[0]?.facts ?? {});
  const [answer, setAnswer] = useState<{ file: RuleFile; words: string }>();
  const [problem, setProblem] = useState<string>();
  const run = async (value: Record<string, unknown>) => {
    setProblem(undefined);
    try {
      const tried = await api.call<{ words: string }>('POST', `/api/policies/${policy}/try`, { facts: value });
      setAnswer({ file, words: tried.words });
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.details.map((detail) => detail.message).join('\n') || error.message : (error as Error).message);
    }
  };
  // Folded until opened: the form is long, and its fields are not the page's own.
  const form = (
    <>
      <Typography.Paragraph type="secondary">{t('tryItHelp')}</Typography.Paragraph>
      <Form
        schema={schema}
        formData={current}
        idPrefix="try"
        validator={ruleValidatorIn(language)}
        transformErrors={ruleFormErrors(language)}
        showErrorList={false}
        noHtml5Validate
        onError={() => undefined}
        onChange={(event) => setFacts({ file, value: (event.formData ?? {}) as Record<string, unknown> })}
        onSubmit={(event) => void run((event.formData ?? {}) as Record<string, unknown>)}
      >
        <Space>
          <Button type="primary" htmlType="submit">
            {t('run')}
          </Button>
        </Space>
      </Form>
      {problem && <Alert type="error" style={{ marginTop: 8 }} title={<span style={{ whiteSpace: 'pre-wrap' }}>{problem}</span>} />}
      {answer?.file === file && (
        <pre data-testid="try-answer" style={{ marginTop: 8, whiteSpace: 'pre-wrap', fontSize: 12 }}>
          {answer.words}
        </pre>
      )}
    </>
  );
  return <Collapse data-testid="try-it" destroyOnHidden items={[{ key: 'try', label: t('tryIt'), children: form }]} style={{ background: '#fff' }} />;
}
