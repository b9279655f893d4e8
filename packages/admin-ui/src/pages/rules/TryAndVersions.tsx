import { Alert, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import type { RuleFile } from '@crm-policy/engine';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';

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

interface VersionSummary {
  _id: string;
  version: string;
  status: string;
  comment: string;
  updatedAt: string;
}
interface Diff {
  rules: { added: string[]; removed: string[]; changed: Array<{ name: string }> };
}

/** The policy's versions: what the draft changes against the published one, and rolling back to an earlier version. */
export function Versions({ api, policy, comment, changed }: { api: ApiClient; policy: string; comment: string; changed(): void }) {
  const { t } = useI18n();
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [diff, setDiff] = useState<Diff>();
  const [problem, setProblem] = useState<string>();
  const load = useCallback(async () => {
    setVersions((await api.call<{ versions: VersionSummary[] }>('GET', `/api/policies/${policy}/versions`)).versions);
  }, [api, policy]);
  useEffect(() => {
    load().catch(() => setVersions([]));
    setDiff(undefined);
  }, [load]);
  const showDiff = async () => setDiff((await api.call<{ diff: Diff }>('GET', `/api/policies/${policy}/diff`)).diff);
  const rollback = async (versionId: string) => {
    setProblem(undefined);
    try {
      await api.call('POST', `/api/policies/${policy}/rollback`, { versionId, comment });
      await load();
      changed();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  const hasDraft = versions.some((v) => v.status === 'draft');
  return (
    <Card title={t('versions')} extra={hasDraft && <Button onClick={() => void showDiff()}>{t('diff')}</Button>}>
      {diff && (
        <Alert
          type="info"
          style={{ marginBottom: 8 }}
          title={t('diffSummary', { added: diff.rules.added.join(', ') || '—', removed: diff.rules.removed.join(', ') || '—', changed: diff.rules.changed.map((c) => c.name).join(', ') || '—' })}
        />
      )}
      {problem && <Alert type="error" style={{ marginBottom: 8 }} title={problem} />}
      <List
        size="small"
        dataSource={versions}
        renderItem={(v) => (
          <List.Item
            actions={
              v.status === 'retired'
                ? [
                    <Button key="rollback" size="small" disabled={comment.trim() === ''} onClick={() => void rollback(v._id)}>
                      {t('rollback')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space>
              <Typography.Text strong>{v.version}</Typography.Text>
              <Tag>{t(`status.${v.status}` as MessageKey)}</Tag>
              <Typography.Text type="secondary">{v.comment}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
