import { Alert, Button, Card, Checkbox, Empty, Flex, Grid, Input, message, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { Inline } from '../../components/Inline.js';
import { regionName } from '../../components/regionName.js';
import { useDivisions } from '../../components/useDivisions.js';
import { choiceName, industryName, useTemplates } from '../../components/useTemplates.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { ClaimFilters, ClaimRow, HoldingStatus } from './claimFilters.js';
import { byProtectionLeft, daysLeft, EXPIRING_SOON_DAYS, filterClaims, holdingStatus } from './claimFilters.js';
import { MyAppeals } from './MyAppeals.js';
import { problemText } from './problemText.js';
import { usePickedCustomer } from './usePickedCustomer.js';

const STATUSES: HoldingStatus[] = ['protected', 'deal', 'converted'];

/**
 * A rep's customers as a table: search by name, filters (expiring within 7
 * days, grade, industry, status), sorting, paging, protection left in red
 * when it ends within a week; follow-up and release (after a confirmation)
 * as row actions. On a phone the row is a compact list item, never wider than the screen.
 * Below, the outcome of the rep's appeals.
 */
export function MyCustomersTable({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const templates = useTemplates();
  // Names wait for the division list; one that failed to load leaves codes to be named as they are.
  const divisions = useDivisions() ?? undefined;
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  const [notice, noticeHolder] = message.useMessage();
  const [claims, setClaims] = useState<ClaimRow[]>();
  const [failed, setFailed] = useState(false);
  const [filters, setFilters] = useState<ClaimFilters>({});
  const [followUp, setFollowUp] = useState<{ claim: ClaimRow; note: string }>();
  // What is typed in the search box before Enter; the search itself is `filters.search`.
  const [typed, setTyped] = useState<string>();

  // A link to one customer ("already yours" after a registration) shows that one: its name is the search, which the rep clears to see all.
  const picked = usePickedCustomer();
  useEffect(() => {
    const claim = picked ? claims?.find((candidate) => candidate.customerId === picked) : undefined;
    if (!claim) return;
    setTyped(undefined);
    setFilters((current) => ({ ...current, search: claim.customerName }));
  }, [picked, claims]);

  const load = useCallback(async () => {
    const [active, converted] = await Promise.all([api.call<{ claims: ClaimRow[] }>('GET', '/api/claims?status=active'), api.call<{ claims: ClaimRow[] }>('GET', '/api/claims?status=converted')]);
    setClaims([...active.claims, ...converted.claims]);
    setFailed(false);
  }, [api]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void notice.success(done);
      await load();
    } catch (error) {
      void notice.error(t('lists.actionFailed', { message: problemText(error, t) }));
    }
  };
  const release = (claim: ClaimRow) => act(() => api.call('POST', `/api/claims/${claim._id}/release`, {}), t('lists.released', { name: claim.customerName }));
  const logFollowUp = async () => {
    if (!followUp) return;
    const { claim, note } = followUp;
    setFollowUp(undefined);
    await act(() => api.call('POST', `/api/claims/${claim._id}/follow-ups`, { note }), t('followUpLogged'));
  };

  const now = new Date();
  const rows = filterClaims(claims ?? [], filters, now);
  const grades = [...new Set((claims ?? []).map((claim) => claim.grade))].sort();
  const industries = [...new Set((claims ?? []).map((claim) => claim.industry ?? ''))].filter(Boolean).sort();

  const protection = (claim: ClaimRow) => {
    const status = holdingStatus(claim);
    if (status !== 'protected') return <Tag color={status === 'converted' ? 'green' : 'blue'}>{t(`lists.status.${status}`)}</Tag>;
    const left = daysLeft(claim.expiresAt, now);
    if (left === null) return <Tag>{t('noLapse')}</Tag>;
    return (
      <Tag color={left <= EXPIRING_SOON_DAYS ? 'red' : 'default'} title={claim.expiresAt.slice(0, 10)}>
        {t('lists.daysLeftShort', { days: String(left) })}
      </Tag>
    );
  };
  const actions = (claim: ClaimRow) => (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => setFollowUp({ claim, note: '' })}>
        {t('lists.followUp')}
      </Button>
      {claim.status === 'active' && (
        <Popconfirm title={t('lists.releaseConfirm', { name: claim.customerName })} okText={t('lists.releaseOk')} cancelText={t('lists.cancel')} okButtonProps={{ danger: true }} onConfirm={() => release(claim)}>
          <Button type="link" size="small">
            {t('lists.release')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const columns: TableColumnsType<ClaimRow> = [
    {
      key: 'company',
      title: t('lists.company'),
      dataIndex: 'customerName',
      sorter: (a, b) => a.customerName.localeCompare(b.customerName, language === 'zh' ? 'zh-CN' : 'en'),
      render: (name: string, claim) =>
        wide ? (
          <Typography.Text strong>{name}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={2}>
            <Typography.Text strong>{name}</Typography.Text>
            <Space size={4} wrap>
              <Tag color="blue">{choiceName(templates, claim.industry, 'grade', claim.grade, language)}</Tag>
              {protection(claim)}
            </Space>
            <Typography.Text type="secondary">
              <Inline parts={[industryName(templates, claim.industry, language), regionName(divisions, claim.region, language)]} />
            </Typography.Text>
          </Space>
        ),
    },
    { key: 'grade', title: t('lists.grade'), dataIndex: 'grade', responsive: ['md'], filters: grades.map((grade) => ({ text: choiceName(templates, undefined, 'grade', grade, language), value: grade })), filteredValue: filters.grades ? [...filters.grades] : null, render: (grade: string, claim) => <Tag color="blue">{choiceName(templates, claim.industry, 'grade', grade, language)}</Tag> },
    {
      key: 'industry',
      title: t('lists.industry'),
      dataIndex: 'industry',
      responsive: ['md'],
      filters: industries.map((industry) => ({ text: industryName(templates, industry, language), value: industry })),
      filteredValue: filters.industries ? [...filters.industries] : null,
      render: (industry: string | null) => industryName(templates, industry, language),
    },
    { key: 'region', title: t('lists.region'), dataIndex: 'region', responsive: ['lg'], render: (region: string | null) => regionName(divisions, region, language) ?? '' },
    {
      key: 'status',
      title: t('lists.status'),
      responsive: ['md'],
      filters: STATUSES.map((status) => ({ text: t(`lists.status.${status}`), value: status })),
      filteredValue: filters.statuses ? [...filters.statuses] : null,
      render: (_: unknown, claim) => t(`lists.status.${holdingStatus(claim)}`),
    },
    { key: 'protection', title: t('lists.protection'), responsive: ['md'], sorter: byProtectionLeft, defaultSortOrder: 'ascend', render: (_: unknown, claim) => protection(claim) },
    { key: 'actions', title: t('lists.actions'), width: wide ? 160 : 84, render: (_: unknown, claim) => actions(claim) },
  ];

  const onChange: TableProps<ClaimRow>['onChange'] = (_pagination, chosen) => {
    setFilters((current) => ({
      ...current,
      grades: (chosen['grade'] as string[] | null) ?? undefined,
      industries: (chosen['industry'] as string[] | null) ?? undefined,
      statuses: (chosen['status'] as HoldingStatus[] | null) ?? undefined,
    }));
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {noticeHolder}
      <Card title={t('myCustomers')} styles={{ body: { padding: wide ? 24 : 8 } }}>
        {failed && <Alert type="error" title={t('lists.loadFailed')} style={{ marginBottom: 12 }} />}
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={t('lists.search')}
            placeholder={t('lists.search')}
            style={{ flex: wide ? '0 0 280px' : '1 1 100%' }}
            value={typed ?? filters.search ?? ''}
            onSearch={(search) => {
              setTyped(undefined);
              setFilters({ ...filters, search });
            }}
            onChange={(e) => {
              setTyped(e.target.value);
              if (e.target.value === '') setFilters({ ...filters, search: '' });
            }}
          />
          <Checkbox checked={filters.expiringSoon ?? false} onChange={(e) => setFilters({ ...filters, expiringSoon: e.target.checked })}>
            {t('lists.expiringSoon')}
          </Checkbox>
          {!wide && (
            // The columns holding these filters are hidden on a phone: the same filters as choices.
            <Flex gap={8} style={{ width: '100%' }}>
              <Select allowClear aria-label={t('lists.grade')} placeholder={t('lists.grade')} style={{ flex: 1 }} value={filters.grades?.[0]} onChange={(grade?: string) => setFilters({ ...filters, grades: grade ? [grade] : undefined })} options={grades.map((grade) => ({ label: choiceName(templates, undefined, 'grade', grade, language), value: grade }))} />
              <Select allowClear aria-label={t('lists.industry')} placeholder={t('lists.industry')} style={{ flex: 2 }} value={filters.industries?.[0]} onChange={(industry?: string) => setFilters({ ...filters, industries: industry ? [industry] : undefined })} options={industries.map((industry) => ({ label: industryName(templates, industry, language), value: industry }))} />
              <Select allowClear aria-label={t('lists.status')} placeholder={t('lists.status')} style={{ flex: 2 }} value={filters.statuses?.[0]} onChange={(status?: HoldingStatus) => setFilters({ ...filters, statuses: status ? [status] : undefined })} options={STATUSES.map((status) => ({ label: t(`lists.status.${status}`), value: status }))} />
            </Flex>
          )}
        </Flex>
        <Table<ClaimRow>
          rowKey="_id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={claims === undefined && !failed}
          onChange={onChange}
          pagination={{ pageSize: 10, showSizeChanger: false, showTotal: (total) => t('lists.total', { total: String(total) }), size: 'small' }}
          locale={{ emptyText: <Empty description={claims && claims.length > 0 ? t('lists.noMatch') : t('noCustomers')} /> }}
        />
      </Card>
      <MyAppeals api={api} />
      <Modal
        open={followUp !== undefined}
        title={followUp ? t('lists.followUpTitle', { name: followUp.claim.customerName }) : ''}
        okText={t('log')}
        cancelText={t('lists.cancel')}
        okButtonProps={{ disabled: (followUp?.note.trim() ?? '') === '' }}
        onOk={() => void logFollowUp()}
        onCancel={() => setFollowUp(undefined)}
        destroyOnHidden
      >
        {followUp && <Input.TextArea aria-label={t('followUpNote', { name: followUp.claim.customerName })} placeholder={t('followUp')} value={followUp.note} onChange={(e) => setFollowUp({ ...followUp, note: e.target.value })} />}
      </Modal>
    </Space>
  );
}
