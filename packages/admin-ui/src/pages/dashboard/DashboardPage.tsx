import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { INDUSTRY_NAMES } from '../../i18n/messages.js';
import { Chart } from './Chart.js';
import type { Summary } from './dashboardOptions.js';
import { barsOption, exposureOption, gradeOption, overTimeOption, regionOption } from './dashboardOptions.js';

/** The state of the book at a glance, for the caller's scope: customers, collisions and appeals, claims ending, load and credit exposure. */
export function DashboardPage({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.call<Summary>('GET', '/api/dashboard').then(setSummary, (failure: Error) => setError(failure.message));
  }, [api]);
  const options = useMemo(() => {
    if (!summary) return undefined;
    const industries = summary.customers.byIndustry.map((tally) => ({ ...tally, label: INDUSTRY_NAMES[language][tally.key] ?? tally.label }));
    return {
      grade: gradeOption(summary.customers.byGrade),
      region: regionOption(summary.customers.byProvince, summary.customers.byCity),
      industry: barsOption(industries),
      owner: barsOption(summary.customers.byOwner),
      overTime: overTimeOption(summary.overTime, { collisions: t('chart.collisions'), appeals: t('chart.appeals') }),
      load: barsOption(summary.load.reps, 30),
      exposure: exposureOption(summary.exposureByTier, { limit: t('limit'), exposure: t('chart.exposure') }),
    };
  }, [summary, language, t]);
  if (error) return <Alert type="error" title={error} />;
  if (!summary || !options) return null;
  const card = (title: string, chart: React.ReactNode) => (
    <Col xs={24} lg={12}>
      <Card size="small" title={title}>
        {chart}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]} data-testid="dashboard">
      <Col xs={12} md={6}>
        <Statistic title={t('chart.customers')} value={summary.customers.total} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('chart.expiring')} value={summary.expiringThisWeek.count} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('chart.spread')} value={summary.load.spread ?? '—'} suffix={summary.load.spread ? `(${summary.load.max} / ${summary.load.min})` : undefined} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('chart.exposure')} value={summary.exposureByTier.reduce((sum, tier) => sum + tier.exposure, 0)} />
      </Col>
      {card(t('chart.byGrade'), <Chart label={t('chart.byGrade')} option={options.grade} />)}
      {card(t('chart.byRegion'), <Chart label={t('chart.byRegion')} option={options.region} />)}
      {card(t('chart.byIndustry'), <Chart label={t('chart.byIndustry')} option={options.industry} />)}
      {card(t('chart.byOwner'), <Chart label={t('chart.byOwner')} option={options.owner} />)}
      {card(t('chart.overTime'), <Chart label={t('chart.overTime')} option={options.overTime} />)}
      {card(t('chart.load'), <Chart label={t('chart.load')} option={options.load} />)}
      {card(t('chart.exposureByTier'), <Chart label={t('chart.exposureByTier')} option={options.exposure} />)}
      {card(
        t('chart.expiring'),
        <Table
          size="small"
          rowKey="claimId"
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          dataSource={summary.expiringThisWeek.claims}
          locale={{ emptyText: t('queueEmpty') }}
          columns={[
            { title: t('customer'), dataIndex: 'customerName' },
            { title: t('rep'), dataIndex: 'repName' },
            { title: t('team'), dataIndex: 'teamName' },
            { title: t('chart.ends'), render: (_, claim: Summary['expiringThisWeek']['claims'][number]) => claim.expiresAt.slice(0, 10) },
          ]}
        />,
      )}
    </Row>
  );
}
