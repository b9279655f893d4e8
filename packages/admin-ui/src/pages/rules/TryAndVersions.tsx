import { Alert, Button, Card, Input } from 'antd';
import type { RuleFile } from '@crm-policy/engine';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** Enter facts, run them through the draft (or the published version), and read the decision condition by condition. */
export function TryIt({ api, policy, file }: { api: ApiClient; policy: string; file: RuleFile }) {
  const { t } = useI18n();
  const [facts, setFacts] = useState('');
  const [answer, setAnswer] = useState<{ words: string; outcome: string }>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setFacts(JSON.stringify(file.tests?.[0]?.facts ?? {}, null, 2));
    setAnswer(undefined);
  }, [file]);
  const run = async () => {
    setProblem(undefined);
    try {
      const parsed = JSON.parse(facts) as Record<string, unknown>;
      const tried = await api.call<{ words: string; decision: { outcome: unknown } }>('POST', `/api/policies/${policy}/try`, { facts: parsed });
      setAnswer({ words: tried.words, outcome: JSON.stringify(tried.decision.outcome) });
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.details.map((d) => `${d.path} ${d.message}`).join('\n') || error.message : (error as Error).message);
    }
  };
  return (
    <Card title={t('tryIt')}>
      <Input.TextArea aria-label={t('facts')} rows={8} spellCheck={false} value={facts} onChange={(e) => setFacts(e.target.value)} style={{ fontFamily: 'monospace', fontSize: 12 }} />
      <Button style={{ marginTop: 8 }} onClick={() => void run()}>
        {t('run')}
      </Button>
      {problem && <Alert type="error" style={{ marginTop: 8 }} title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{problem}</pre>} />}
      {answer && (
        <pre data-testid="try-answer" style={{ marginTop: 8, whiteSpace: 'pre-wrap', fontSize: 12 }}>
          {answer.words}
        </pre>
      )}
    </Card>
  );
}
