import { Alert, Button, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useQueue } from './useQueue.js';

interface Assessment {
  _id: string;
  customerName: string;
  trigger: string;
  requestedLimit: number;
  outcome: 'assess' | 'refer';
  tier: string | null;
  creditLimit: number | null;
  previous: { tier: string; limit: number } | null;
  change: string;
  status: 'pending-approval' | 'pending-review';
  reason: string;
  approvalLevel: string;
}

const TIERS = ['low', 'medium', 'high', 'reject'];
const money = (value: number | null | undefined) => (value == null ? '—' : value.toLocaleString());

/** One assessment's decision: a comment always; a referral needs the tier and limit; an approval may lower the limit. */
function Decide({ api, assessment, done }: { api: ApiClient; assessment: Assessment; done(): void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [limit, setLimit] = useState<number | null>(assessment.creditLimit);
  const [tier, setTier] = useState<string | undefined>(assessment.tier ?? undefined);
  const [problem, setProblem] = useState<string>();
  const decide = async (approve: boolean) => {
    setProblem(undefined);
    try {
      await api.call('POST', `/api/credit-assessments/${assessment._id}/decision`, { approve, comment, ...(approve && limit !== null ? { limit } : {}), ...(approve && tier ? { tier } : {}) });
      done();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error.details.length ? error.details.map((d) => `${d.path} ${d.message}`).join('; ') : error.message);
    }
  };
  return (
    <Space orientation="vertical" size={4}>
      <Space wrap>
        {assessment.outcome === 'refer' && <Select aria-label={`${t('tier')} ${assessment.customerName}`} placeholder={t('tier')} style={{ width: 110 }} value={tier} options={TIERS.map((value) => ({ value, label: value }))} onChange={setTier} />}
        <InputNumber aria-label={`${t('limit')} ${assessment.customerName}`} placeholder={t('limit')} min={0} value={limit} onChange={(value) => setLimit(typeof value === 'number' ? value : null)} style={{ width: 140 }} />
        <Input aria-label={`${t('comment')} ${assessment.customerName}`} placeholder={t('comment')} value={comment} onChange={(event) => setComment(event.target.value)} style={{ width: 200 }} />
        <Button type="primary" disabled={!comment.trim()} onClick={() => void decide(true)}>
          {t('approve')}
        </Button>
        <Button danger disabled={!comment.trim()} onClick={() => void decide(false)}>
          {t('reject')}
        </Button>
      </Space>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  );
}

/** Assessments waiting at the caller's level: new limits above the automatic ceiling and referrals, or (with `cuts`) reviews that would lower a limit in force. */
export function CreditQueue({ api, cuts }: { api: ApiClient; cuts: boolean }) {
  const { t } = useI18n();
  const { items, error, reload } = useQueue<Assessment>(api, '/api/credit/queue', (answer) => answer['assessments'] as Assessment[]);
  const shown = (items ?? []).filter((assessment) => (assessment.status === 'pending-review') === cuts);
  if (error) return <Alert type="error" title={error} />;
  return (
    <Table<Assessment>
      size="small"
      rowKey="_id"
      loading={!items}
      dataSource={shown}
      pagination={false}
      scroll={{ x: true }}
      locale={{ emptyText: t('queueEmpty') }}
      columns={[
        { title: t('customer'), dataIndex: 'customerName' },
        { title: t('requested'), render: (_, a) => money(a.requestedLimit) },
        { title: t('current'), render: (_, a) => (a.previous ? `${a.previous.tier} · ${money(a.previous.limit)}` : '—') },
        { title: t('proposed'), render: (_, a) => (a.outcome === 'refer' ? <Tag color="orange">refer</Tag> : `${a.tier} · ${money(a.creditLimit)}`) },
        { title: t('reason'), render: (_, a) => <Typography.Text type="secondary">{`${a.trigger} · ${a.approvalLevel}${a.reason ? ` · ${a.reason}` : ''}`}</Typography.Text> },
        { title: '', render: (_, a) => <Decide api={api} assessment={a} done={reload} /> },
      ]}
    />
  );
}
