import { Alert, Space, Table } from 'antd';
import { useI18n } from '../../i18n/I18nContext.js';

/** What became of one customer when a proposal ran (from the server, `reasonText` in the page's language). */
export type MoveOutcome = { customerId: string; customerName: string } & (
  | { status: 'moved' | 'assigned'; teamName: string; owners: string[] }
  | { status: 'queued'; reasonText?: string }
  | { status: 'unchanged' }
);

/** A run proposal's result: moved and other counts, and each customer that went elsewhere than planned. */
export interface ProposalRun {
  moved: number;
  queued: number;
  outcomes?: MoveOutcome[];
}

/** The outcome of one customer, in words. */
export function useOutcomeText(): (outcome: MoveOutcome) => string {
  const { t } = useI18n();
  return (outcome) => {
    switch (outcome.status) {
      case 'moved':
        return t('ra.movedTo', { owners: outcome.owners.join('、'), team: outcome.teamName });
      case 'assigned':
        return t('ra.assignedTo', { owners: outcome.owners.join('、'), team: outcome.teamName });
      case 'queued':
        return t('ra.toQueue', { reason: outcome.reasonText ?? '' });
      default:
        return t('ra.unchanged');
    }
  };
}

/** What a proposal did, in words: a summary, then each customer and where it went. */
export function ProposalResult({ result }: { result: ProposalRun }) {
  const { t } = useI18n();
  const text = useOutcomeText();
  const other = result.queued;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="proposal-result">
      <Alert type={other === 0 ? 'success' : 'warning'} title={other === 0 ? t('ra.doneAll', { moved: String(result.moved) }) : t('ra.doneSome', { moved: String(result.moved), other: String(other) })} />
      {result.outcomes && result.outcomes.length > 0 && (
        <Table<MoveOutcome>
          size="small"
          rowKey="customerId"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={result.outcomes}
          columns={[
            { title: t('customer'), dataIndex: 'customerName' },
            { title: t('ra.outcome'), render: (_, outcome) => text(outcome) },
          ]}
        />
      )}
    </Space>
  );
}
