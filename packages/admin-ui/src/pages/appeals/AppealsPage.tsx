import { Alert, Button, Card, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { AppealEntry } from '../customers/MyAppeals.js';
import { AppealReview } from './AppealReview.js';

/**
 * A manager's appeals as a table that reads without opening a row: the
 * customer, who appeals, who holds it (and their team), when, how alike the
 * two registrations scored, and the status (open first). A row opens the
 * review in a drawer: both registrations side by side, decided there.
 */
export function AppealsPage({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const wide = Grid.useBreakpoint().md ?? true;
  const [appeals, setAppeals] = useState<AppealEntry[]>();
  const [failed, setFailed] = useState(false);
  const [open, setOpen] = useState<string>();
  const [decided, setDecided] = useState<string>();

  const [me, setMe] = useState<{ role: string; teams: string[] }>();
  const load = useCallback(async () => {
    const [answer, caller] = await Promise.all([api.call<{ appeals: AppealEntry[] }>('GET', '/api/appeals'), api.call<{ role: string; teams: string[] }>('GET', '/api/me')]);
    setMe(caller);
    // Open ones first, then newest first as the server sends them.
    setAppeals([...answer.appeals].sort((a, b) => Number(a.status === 'decided') - Number(b.status === 'decided')));
    setFailed(false);
  }, [api]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  const columns: TableColumnsType<AppealEntry> = [
    {
      key: 'customer',
      title: t('lists.company'),
      dataIndex: 'customerName',
      render: (name: string, appeal) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: appeal.reason }} style={{ maxWidth: 320 }}>
            {appeal.reason}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'appellant', title: t('lists.appellant'), dataIndex: 'appellantName', responsive: ['md'] },
    { key: 'holder', title: t('lists.holder'), responsive: ['md'], render: (_: unknown, appeal) => (appeal.holderTeamName ? t('lists.holderOf', { name: appeal.holderName, team: appeal.holderTeamName }) : appeal.holderName) },
    { key: 'filed', title: t('lists.filedAt'), dataIndex: 'createdAt', responsive: ['lg'], sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), render: (at: string) => at.slice(0, 10) },
    { key: 'score', title: t('lists.score'), dataIndex: 'score', responsive: ['lg'], sorter: (a, b) => (a.score ?? 0) - (b.score ?? 0), render: (score: number | null) => (score === null ? '' : <Tag color={score >= 0.9 ? 'red' : 'orange'}>{score.toFixed(2)}</Tag>) },
    {
      key: 'status',
      title: t('lists.status'),
      filters: (['open', 'decided'] as const).map((status) => ({ text: t(`lists.appealStatus.${status}`), value: status })),
      defaultFilteredValue: ['open'],
      onFilter: (value, appeal) => appeal.status === value,
      render: (_: unknown, appeal) => (appeal.verdict ? <Tag>{t(`verdict.${appeal.verdict}`)}</Tag> : <Tag color="orange">{t('lists.appealStatus.open')}</Tag>),
    },
    {
      key: 'actions',
      title: t('lists.actions'),
      width: wide ? 100 : 72,
      // Only the holder's manager (or an admin) reviews: an appeal from the manager's own team against another's is followed here, decided there.
      render: (_: unknown, appeal) =>
        me && (me.role === 'admin' || me.teams.includes(appeal.holderTeam)) ? (
          <Button type="link" size="small" onClick={() => { setDecided(undefined); setOpen(appeal._id); }}>
            {appeal.status === 'open' ? t('review') : t('lists.appealStatus.decided')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {decided && <Alert type="success" title={t('appealDecided', { verdict: t(`verdict.${decided}` as 'verdict.uphold') })} closable />}
      <Card title={t('appeals')}>
        {failed && <Alert type="error" title={t('lists.loadFailed')} style={{ marginBottom: 12 }} />}
        <Table<AppealEntry>
          rowKey="_id"
          size="small"
          columns={columns}
          dataSource={appeals ?? []}
          loading={appeals === undefined && !failed}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('noAppeals')} /> }}
        />
      </Card>
      <AppealReview
        api={api}
        appealId={open}
        onClose={() => setOpen(undefined)}
        onDecided={(verdict) => {
          setOpen(undefined);
          setDecided(verdict);
          void load();
        }}
      />
    </Space>
  );
}
