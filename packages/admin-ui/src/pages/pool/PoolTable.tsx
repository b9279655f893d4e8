import { Alert, Button, Card, Empty, Flex, Grid, Input, message, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { Inline } from '../../components/Inline.js';
import { regionName } from '../../components/regionName.js';
import { useDivisions } from '../../components/useDivisions.js';
import { choiceName, industryName, useTemplates } from '../../components/useTemplates.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { problemText } from '../customers/problemText.js';
import type { PoolEntry, PoolQuery, PoolReason } from './poolQuery.js';
import { gradesOf, POOL_REASONS, poolPath, REASON_COLOR } from './poolQuery.js';

/**
 * The public pool as a table paged by the server: search by name, filter by
 * grade, industry and why it came back, order by name or by when it came back; why and when each customer came back,
 * its grade and region by name. Claiming asks first, and its answer appears
 * at the top of the screen where the user is, not at the top of a long page.
 */
export function PoolTable({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const templates = useTemplates();
  // Names wait for the division list; one that failed to load leaves codes to be named as they are.
  const divisions = useDivisions() ?? undefined;
  const wide = Grid.useBreakpoint().md ?? true;
  const [notice, noticeHolder] = message.useMessage();
  const [query, setQuery] = useState<PoolQuery>({ page: 1, pageSize: 10 });
  const [answer, setAnswer] = useState<{ customers: PoolEntry[]; total: number }>();
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setAnswer(await api.call<{ customers: PoolEntry[]; total: number }>('GET', poolPath(query)));
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }, [api, query]);
  useEffect(() => {
    void load();
  }, [load]);

  const claim = async (entry: PoolEntry) => {
    try {
      await api.call('POST', `/api/pool/${entry.customerId}/claim`);
      void notice.success(t('lists.claimed', { name: entry.name }));
      await load();
    } catch (error) {
      void notice.error(t('lists.claimRefused', { name: entry.name, reasons: problemText(error, t) }), 6);
    }
  };

  const reason = (entry: PoolEntry) => <Tag color={REASON_COLOR[entry.returnReason ?? 'new']}>{t(`lists.reason.${entry.returnReason ?? 'new'}`)}</Tag>;
  const columns: TableColumnsType<PoolEntry> = [
    {
      key: 'name',
      title: t('lists.company'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: query.sort === 'name' ? 'ascend' : query.sort === '-name' ? 'descend' : null,
      render: (name: string, entry) =>
        wide ? (
          <Typography.Text strong>{name}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={2}>
            <Typography.Text strong>{name}</Typography.Text>
            <Space size={4} wrap>
              <Tag color="blue">{choiceName(templates, entry.industry, 'grade', entry.grade, language)}</Tag>
              {reason(entry)}
            </Space>
            <Typography.Text type="secondary">
              <Inline parts={[industryName(templates, entry.industry, language), regionName(divisions, entry.region, language), entry.returnedAt?.slice(0, 10)]} />
            </Typography.Text>
          </Space>
        ),
    },
    { key: 'grade', title: t('lists.grade'), dataIndex: 'grade', responsive: ['md'], filterMultiple: false, filters: gradesOf(templates).map((grade) => ({ text: choiceName(templates, undefined, 'grade', grade, language), value: grade })), filteredValue: query.grade ? [query.grade] : null, render: (grade: string, entry) => <Tag color="blue">{choiceName(templates, entry.industry, 'grade', grade, language)}</Tag> },
    {
      key: 'industry',
      title: t('lists.industry'),
      dataIndex: 'industry',
      responsive: ['md'],
      filterMultiple: false,
      filters: (templates ?? []).map((template) => ({ text: industryName(templates, template.industry, language), value: template.industry })),
      filteredValue: query.industry ? [query.industry] : null,
      render: (industry: string) => industryName(templates, industry, language),
    },
    { key: 'region', title: t('lists.region'), dataIndex: 'region', responsive: ['md'], render: (region: string) => regionName(divisions, region, language) ?? '' },
    {
      key: 'reason',
      title: t('lists.returnReason'),
      responsive: ['md'],
      filterMultiple: false,
      filters: POOL_REASONS.map((value) => ({ text: t(`lists.reason.${value}`), value })),
      filteredValue: query.reason ? [query.reason] : null,
      render: (_: unknown, entry) => reason(entry),
    },
    {
      key: 'returnedAt',
      title: t('lists.returnedAt'),
      dataIndex: 'returnedAt',
      responsive: ['lg'],
      sorter: true,
      sortOrder: query.sort === 'returnedAt' ? 'ascend' : query.sort === '-returnedAt' ? 'descend' : null,
      render: (at: string | null) => at?.slice(0, 10) ?? '',
    },
    {
      key: 'actions',
      title: t('lists.actions'),
      width: wide ? 100 : 72,
      render: (_: unknown, entry) => (
        <Popconfirm title={t('lists.claimConfirm', { name: entry.name })} okText={t('claim')} cancelText={t('lists.cancel')} onConfirm={() => claim(entry)}>
          <Button type="link" size="small">
            {t('claim')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  const setFilter = (key: 'grade' | 'industry' | 'reason', value: string | undefined) => {
    const { [key]: _previous, ...rest } = query;
    setQuery({ ...rest, ...(value ? { [key]: value } : {}), page: 1 });
  };
  const onChange: TableProps<PoolEntry>['onChange'] = (pagination, filters, sorter) => {
    const order = Array.isArray(sorter) ? sorter[0] : sorter;
    const grade = (filters['grade'] as string[] | null)?.[0];
    const industry = (filters['industry'] as string[] | null)?.[0];
    const why = (filters['reason'] as PoolReason[] | null)?.[0];
    const filtersChanged = grade !== query.grade || industry !== query.industry || why !== query.reason;
    const field = order?.columnKey === 'returnedAt' ? 'returnedAt' : 'name';
    setQuery({
      ...(query.q ? { q: query.q } : {}),
      ...(grade ? { grade } : {}),
      ...(industry ? { industry } : {}),
      ...(why ? { reason: why } : {}),
      ...(order?.order ? { sort: order.order === 'ascend' ? field : `-${field}` } : {}),
      page: filtersChanged ? 1 : (pagination.current ?? 1),
      pageSize: pagination.pageSize ?? query.pageSize,
    });
  };

  return (
    <Card title={t('pool')} styles={{ body: { padding: wide ? 24 : 8 } }}>
      {noticeHolder}
      {failed && <Alert type="error" title={t('lists.loadFailed')} style={{ marginBottom: 12 }} />}
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          aria-label={t('lists.search')}
          placeholder={t('lists.search')}
          style={{ flex: wide ? '0 0 280px' : '1 1 100%' }}
          onSearch={(q) => {
            const { q: _previous, ...rest } = query;
            setQuery({ ...rest, ...(q.trim() ? { q: q.trim() } : {}), page: 1 });
          }}
        />
        {!wide && (
          // The columns holding these filters are hidden on a phone: the same filters as choices.
          <Flex gap={8} style={{ width: '100%' }}>
            <Select allowClear aria-label={t('lists.grade')} placeholder={t('lists.grade')} style={{ flex: 1 }} value={query.grade} onChange={(grade?: string) => setFilter('grade', grade)} options={gradesOf(templates).map((grade) => ({ label: choiceName(templates, undefined, 'grade', grade, language), value: grade }))} />
            <Select allowClear aria-label={t('lists.industry')} placeholder={t('lists.industry')} style={{ flex: 2 }} value={query.industry} onChange={(industry?: string) => setFilter('industry', industry)} options={(templates ?? []).map((template) => ({ label: industryName(templates, template.industry, language), value: template.industry }))} />
            <Select allowClear aria-label={t('lists.returnReason')} placeholder={t('lists.returnReason')} style={{ flex: 2 }} value={query.reason} onChange={(why?: PoolReason) => setFilter('reason', why)} options={POOL_REASONS.map((value) => ({ label: t(`lists.reason.${value}`), value }))} />
          </Flex>
        )}
      </Flex>
      <Table<PoolEntry>
        rowKey="customerId"
        size="small"
        columns={columns}
        dataSource={answer?.customers ?? []}
        loading={loading}
        onChange={onChange}
        pagination={{ current: query.page, pageSize: query.pageSize, total: answer?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('lists.total', { total: String(total) }), size: 'small' }}
        locale={{ emptyText: <Empty description={query.q || query.grade || query.industry || query.reason ? t('lists.noMatch') : t('poolEmpty')} /> }}
      />
    </Card>
  );
}
