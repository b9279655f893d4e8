import { Space, Table, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nContext.js';

/** An owner as the server sends it (the id is never shown). */
interface Owner {
  repId: string;
  repName: string;
  role: string;
}
interface Move {
  customerId: string;
  customerName: string;
  from: { teamName: string; owners: Owner[] };
  to: { teamName: string; owners: Owner[] } | null;
  reason?: string;
  /** Why it would go to the queue, in the page's language (from the server). */
  reasonText?: string;
}
/** What a proposal would do, computed before anything moves. */
export interface Impact {
  customers: number;
  openClaims: number;
  moves: Move[];
  loads: Array<{ userId: string; name: string; team: string; before: number; after: number }>;
}

const owners = (list: Owner[]) => list.map((owner) => owner.repName).join('、') || '—';

/** A proposal's impact: each customer's owners before and after, and each member's load before and after. */
export function ImpactReport({ impact }: { impact: Impact }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="impact-report">
      <Typography.Text strong>{t('impact', { customers: String(impact.customers), claims: String(impact.openClaims) })}</Typography.Text>
      <Table
        size="small"
        title={() => t('moves')}
        rowKey="customerId"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        dataSource={impact.moves}
        columns={[
          { title: t('customer'), dataIndex: 'customerName' },
          { title: t('ra.from'), render: (_, move: Move) => `${move.from.teamName} · ${owners(move.from.owners)}` },
          { title: t('ra.to'), render: (_, move: Move) => (move.to ? `${move.to.teamName} · ${owners(move.to.owners)}` : t('ra.toQueue', { reason: move.reasonText ?? move.reason ?? '' })) },
        ]}
      />
      <Table
        size="small"
        title={() => t('loads')}
        rowKey="userId"
        pagination={false}
        dataSource={impact.loads}
        columns={[
          { title: t('rep'), render: (_, load: Impact['loads'][number]) => load.name },
          { title: t('before'), dataIndex: 'before' },
          { title: t('after'), dataIndex: 'after' },
        ]}
      />
    </Space>
  );
}
