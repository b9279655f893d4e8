import { Alert, Button, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useQueue } from './useQueue.js';

interface Queued {
  customerId: string;
  customerName: string;
  queue: string;
  reason: string;
  /** Why, in the page's language, and where it is fixed (from the server). */
  reasonText?: string;
  priority: number;
  createdAt: string;
}

/** What routing a queued customer again answered. */
type RetryAnswer =
  | { status: 'assigned'; team: string; owners: Array<{ repName: string }> }
  | { status: 'queued'; reason: string; reasonText?: string }
  | { status: 'held'; reason: string };

/** Customers assignment could not place, highest priority first, with the reason; routed again once teams, members or territories change. */
export function UnassignedQueue({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const { items, error, reload } = useQueue<Queued>(api, '/api/assignment/queue', (answer) => answer['queue'] as Queued[]);
  const [results, setResults] = useState<Record<string, string>>({});
  /** A retry's answer in words: to whom it went, or why it still waits. */
  const inWords = (answer: RetryAnswer) =>
    answer.status === 'assigned'
      ? t('ra.retryAssigned', { owners: answer.owners.map((owner) => owner.repName).join('、'), team: answer.team })
      : answer.status === 'queued'
        ? t('ra.retryQueued', { reason: answer.reasonText ?? answer.reason })
        : t('ra.retryHeld');
  if (error) return <Alert type="error" title={error} />;
  const retry = async (customerId: string) => {
    const answer = await api.call<RetryAnswer>('POST', `/api/assignment/queue/${customerId}/retry`, {});
    setResults({ ...results, [customerId]: inWords(answer) });
    reload();
  };
  return (
    <Table<Queued>
      size="small"
      rowKey="customerId"
      loading={!items}
      dataSource={items ?? []}
      pagination={false}
      scroll={{ x: true }}
      locale={{ emptyText: t('queueEmpty') }}
      columns={[
        { title: t('customer'), dataIndex: 'customerName' },
        { title: t('reason'), render: (_, q) => <Typography.Text>{q.reasonText ?? q.reason}</Typography.Text> },
        { title: t('since'), render: (_, q) => q.createdAt.slice(0, 10) },
        { title: t('lists.actions'), render: (_, q) => (results[q.customerId] ? <Typography.Text>{results[q.customerId]}</Typography.Text> : <Button size="small" onClick={() => void retry(q.customerId)}>{t('retry')}</Button>) },
      ]}
    />
  );
}
