import { Alert, Button, Card, Empty, Progress, Space, Spin, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { DraftReport } from './lifecycleTypes.js';
import { outcomeTypeName, paramName, valueWords } from './outcomeWords.js';
import type { Cell } from './SimulationRecords.js';
import { SimulationRecords } from './SimulationRecords.js';

// ECharts is loaded only when a simulation's chart is drawn.
const Chart = lazy(() => import('../dashboard/Chart.js').then((module) => ({ default: module.Chart })));

/** A simulation job as the server reports it. */
export interface Simulation {
  _id: string;
  status: string;
  percent: number | null;
  error?: string;
  report?: {
    records: number;
    changed: number;
    transitions: Array<{ from: string; to: string; count: number }>;
    parameterChanges?: Array<{ type: string; param: string; from: unknown; to: unknown; count: number }>;
  };
}

/** An outcome label (`eligible`, `assign East China SME`) with its type's display name. */
export const labelWords = (label: string, language: 'zh' | 'en') => {
  const [type, ...rest] = label.split(' ');
  return [outcomeTypeName(type ?? '', language), ...rest].join(' ');
};

/**
 * A simulation, at the top of the rules page: per outcome parameter what
 * changed and for how many records (protectionDays 30 → 45: 149), the
 * transition table, a chart of both, and the records behind any cell.
 */
export function SimulationView({ api, policy, simulation, onTestAdded }: { api: ApiClient; policy: string; simulation: Simulation; onTestAdded(report: DraftReport): void }) {
  const { t, language } = useI18n();
  const [cell, setCell] = useState<Cell>();
  const report = simulation.report;
  const params = report?.parameterChanges ?? [];
  // A change of parameters alone (eligible → eligible) is told in the parameter table; this one is for changes of outcome.
  const transitions = (report?.transitions ?? []).filter((row) => row.from !== row.to);
  const option = useMemo<EChartsCoreOption | undefined>(() => {
    if (!report || report.changed === 0) return undefined;
    const bars = [
      ...params.map((p) => ({ name: `${paramName(p.param, language)} ${valueWords(p.from, p.param, language)} → ${valueWords(p.to, p.param, language)}`, value: p.count })),
      ...transitions.map((row) => ({ name: `${labelWords(row.from, language)} → ${labelWords(row.to, language)}`, value: row.count })),
    ].reverse();
    return {
      tooltip: {},
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: bars.map((bar) => bar.name), axisLabel: { width: 260, overflow: 'truncate' } },
      series: [{ type: 'bar', data: bars.map((bar) => bar.value), label: { show: true, position: 'right' } }],
    };
  }, [report, params, transitions, language]);
  const show = (what: string) => <Button size="small" type="link" onClick={() => setCell(JSON.parse(what) as Cell)}>{t('lc.showRecords')}</Button>;

  return (
    <Card title={t('lc.simulation')} data-testid="simulation-view">
      {simulation.status === 'running' && <Progress percent={simulation.percent ?? 0} status="active" />}
      {simulation.status !== 'running' && simulation.status !== 'done' && <Alert type="error" title={simulation.error ?? t('lc.simulationFailed')} />}
      {!report ? (
        simulation.status === 'running' && <Spin description={t('lc.running')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('simulationSummary', { records: String(report.records), changed: String(report.changed) })}</Typography.Text>
          {report.changed === 0 ? (
            <Empty description={t('lc.noChanges')} />
          ) : (
            <>
              <Typography.Title level={5}>{t('lc.paramChanges')}</Typography.Title>
              <Table
                size="small"
                data-testid="parameter-changes"
                rowKey={(row) => JSON.stringify([row.type, row.param, row.from, row.to])}
                pagination={false}
                scroll={{ x: 520 }}
                locale={{ emptyText: <Empty description={t('lc.noParamChanges')} /> }}
                dataSource={params}
                columns={[
                  { title: t('lc.param'), key: 'param', render: (_, row) => (language === 'zh' ? `${paramName(row.param, language)}（${outcomeTypeName(row.type, language)}）` : `${paramName(row.param, language)} (${outcomeTypeName(row.type, language)})`) },
                  { title: t('lc.before'), key: 'from', render: (_, row) => valueWords(row.from, row.param, language) },
                  { title: t('lc.after'), key: 'to', render: (_, row) => valueWords(row.to, row.param, language) },
                  { title: t('lc.records'), dataIndex: 'count', sorter: (a, b) => a.count - b.count },
                  { key: 'records', render: (_, row) => show(JSON.stringify({ title: `${paramName(row.param, language)} ${valueWords(row.from, row.param, language)} → ${valueWords(row.to, row.param, language)}`, query: { param: row.param, before: JSON.stringify(row.from), after: JSON.stringify(row.to) } })) },
                ]}
              />
              <Typography.Title level={5}>{t('lc.transitions')}</Typography.Title>
              <Table
                size="small"
                rowKey={(row) => `${row.from}→${row.to}`}
                pagination={false}
                scroll={{ x: 520 }}
                locale={{ emptyText: <Empty description={t('lc.noTypeChanges')} /> }}
                dataSource={transitions}
                columns={[
                  { title: t('from'), key: 'from', render: (_, row) => labelWords(row.from, language) },
                  { title: t('to'), key: 'to', render: (_, row) => labelWords(row.to, language) },
                  { title: t('lc.records'), dataIndex: 'count', sorter: (a, b) => a.count - b.count },
                  { key: 'records', render: (_, row) => show(JSON.stringify({ title: `${labelWords(row.from, language)} → ${labelWords(row.to, language)}`, query: { from: row.from, to: row.to } })) },
                ]}
              />
              {option && (
                <Suspense fallback={<Spin />}>
                  <Typography.Title level={5}>{t('lc.chart')}</Typography.Title>
                  <Chart option={option} label={t('lc.chart')} height={Math.max(120, 40 * (params.length + transitions.length) + 40)} />
                </Suspense>
              )}
            </>
          )}
        </Space>
      )}
      {cell && <SimulationRecords api={api} policy={policy} simulationId={simulation._id} cell={cell} onClose={() => setCell(undefined)} onTestAdded={onTestAdded} />}
    </Card>
  );
}
