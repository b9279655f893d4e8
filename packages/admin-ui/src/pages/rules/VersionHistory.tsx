import { Alert, Card, Empty, Form, Input, Modal, Skeleton, Space, Table, Tag, Typography, Button } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';
import { isSeededVersion } from './seededVersion.js';
import type { VersionSummary } from './usePolicyHistory.js';

/** Every version of a policy with its own comment and author, and roll back (asked first, with a reason) to a retired one: a new version with its rules. */
export function VersionHistory({ api, policy, versions, changed }: { api: ApiClient; policy: string; versions: VersionSummary[] | undefined; changed(): void }) {
  const { t, language } = useI18n();
  const [target, setTarget] = useState<VersionSummary>();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<{ type: 'success' | 'error'; text: string }>();
  const [diff, setDiff] = useState<{ added: string[]; removed: string[]; changed: Array<{ name: string }> }>();
  const showDiff = async () => setDiff((await api.call<{ diff: { rules: NonNullable<typeof diff> } }>('GET', `/api/policies/${policy}/diff`)).diff.rules);
  const when = (at: string) => new Date(at).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const rollback = async () => {
    if (!target) return;
    try {
      const done = await api.call<{ version: string }>('POST', `/api/policies/${policy}/rollback`, { versionId: target._id, comment: reason.trim() });
      setOutcome({ type: 'success', text: t('lc.rolledBack', { version: done.version, from: target.version }) });
      setTarget(undefined);
      setReason('');
      changed();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setOutcome({ type: 'error', text: error.details.map((d) => d.message).join('\n') || error.message });
      setTarget(undefined);
    }
  };
  return (
    <Card title={t('lc.history')} data-testid="version-history" extra={versions?.some((v) => v.status === 'draft') && <Button onClick={() => void showDiff()}>{t('diff')}</Button>}>
      {diff && <Alert type="info" style={{ marginBottom: 8 }} title={t('diffSummary', { added: diff.added.join(', ') || '—', removed: diff.removed.join(', ') || '—', changed: diff.changed.map((c) => c.name).join(', ') || '—' })} />}
      {outcome && <Alert style={{ marginBottom: 8 }} type={outcome.type} showIcon title={outcome.text} data-testid="rollback-outcome" />}
      {!versions ? (
        <Skeleton active />
      ) : (
        <Table<VersionSummary>
          size="small"
          rowKey="_id"
          scroll={{ x: 640 }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('lc.noVersions')} /> }}
          dataSource={versions}
          columns={[
            {
              title: t('lc.version'),
              key: 'version',
              width: 200,
              render: (_, v) => (
                <Space size="small" wrap>
                  <Typography.Text strong>{v.version}</Typography.Text>
                  <Tag color={v.status === 'published' ? 'green' : v.status === 'draft' ? 'orange' : undefined}>{t(`status.${v.status}` as MessageKey)}</Tag>
                </Space>
              ),
            },
            { title: t('lc.commentColumn'), key: 'comment', render: (_, v) => <Space orientation="vertical" size={0}><span>{isSeededVersion(v) ? t('titles.seededComment') : v.comment}</span>{v.rolledBackFrom && <Typography.Text type="secondary">{t('lc.rolledBackFrom', { version: v.rolledBackFrom.version })}</Typography.Text>}</Space> },
            { title: t('lc.author'), key: 'by', width: 200, render: (_, v) => <Typography.Text type="secondary">{t('lc.by', { name: isSeededVersion(v) ? t('titles.system') : (v.createdBy?.name ?? ''), at: when(v.createdAt) })}</Typography.Text> },
            {
              title: t('lc.actions'),
              key: 'actions',
              width: 150,
              render: (_, v) =>
                v.status === 'retired' ? (
                  <Button size="small" aria-label={`${t('rollback')} ${v.version}`} onClick={() => setTarget(v)}>
                    {t('rollback')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <Modal open={target !== undefined} title={target ? t('lc.rollbackTitle', { version: target.version }) : ''} okText={t('rollback')} cancelText={t('lc.cancel')} okButtonProps={{ danger: true, disabled: reason.trim() === '' }} onOk={() => void rollback()} onCancel={() => setTarget(undefined)}>
        {target && <Typography.Paragraph>{t('lc.rollbackHelp', { version: target.version })}</Typography.Paragraph>}
        <Form layout="vertical" component="div">
          <Form.Item label={t('lc.rollbackReason')} required validateStatus={reason.trim() === '' ? 'error' : undefined} help={reason.trim() === '' ? t('lc.commentRequired') : undefined}>
            <Input id="rollback-reason" aria-label={t('lc.rollbackReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
