import type { EChartsCoreOption } from 'echarts/core';

/** A count per key, as the API gives it. */
export interface Tally {
  key: string;
  label: string;
  count: number;
}

/** `GET /api/dashboard`. */
export interface Summary {
  asOf: string;
  customers: { total: number; byGrade: Tally[]; byProvince: Tally[]; byCity: Tally[]; byIndustry: Tally[]; byOwner: Tally[] };
  overTime: Array<{ day: string; collisions: number; appeals: number }>;
  expiringThisWeek: { count: number; claims: Array<{ claimId: string; customerName: string; repName: string; teamName: string; expiresAt: string }> };
  load: { reps: Tally[]; max: number; min: number; spread: number | null };
  exposureByTier: Array<{ tier: string; accounts: number; limit: number; exposure: number }>;
}

const tooltip = { trigger: 'item' };

/** Grades as a doughnut. */
export function gradeOption(byGrade: Tally[]): EChartsCoreOption {
  return { tooltip, series: [{ type: 'pie', radius: ['40%', '70%'], data: byGrade.map((t) => ({ name: t.label || '—', value: t.count })) }] };
}

/** Provinces holding their cities, as a treemap: the tree of regions. */
export function regionOption(byProvince: Tally[], byCity: Tally[]): EChartsCoreOption {
  const data = byProvince.map((province) => ({
    name: province.label,
    value: province.count,
    children: byCity.filter((city) => city.key.startsWith(province.key)).map((city) => ({ name: city.label, value: city.count })),
  }));
  return { tooltip, series: [{ type: 'treemap', roam: false, nodeClick: 'zoomToNode', breadcrumb: { show: true }, leafDepth: 1, data, levels: [{ upperLabel: { show: true } }] }] };
}

/** Counts as horizontal bars, largest on top (at most `limit`). */
export function barsOption(tallies: Tally[], limit = 15): EChartsCoreOption {
  const shown = tallies.slice(0, limit).reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((t) => t.label) },
    series: [{ type: 'bar', data: shown.map((t) => t.count) }],
  };
}

/** Collisions and appeals per day. */
export function overTimeOption(days: Summary['overTime'], names: { collisions: string; appeals: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [names.collisions, names.appeals] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.collisions, type: 'line', data: days.map((d) => d.collisions) },
      { name: names.appeals, type: 'line', data: days.map((d) => d.appeals) },
    ],
  };
}

/** Per tier: the limits granted and what is drawn against them. */
export function exposureOption(tiers: Summary['exposureByTier'], names: { limit: string; exposure: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [names.limit, names.exposure] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: tiers.map((t) => t.tier) },
    yAxis: { type: 'value' },
    series: [
      { name: names.limit, type: 'bar', data: tiers.map((t) => t.limit) },
      { name: names.exposure, type: 'bar', data: tiers.map((t) => t.exposure) },
    ],
  };
}
