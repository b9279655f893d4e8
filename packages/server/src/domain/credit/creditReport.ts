import { readFileSync } from 'node:fs';

/** A company's credit report, as `schemas/credit-report.schema.json` describes it. */
export interface CreditReport {
  reportId: string;
  provider: string;
  reportDate: string;
  company: { name: string; creditCode?: string; foundedOn: string };
  creditScore: number;
  paymentHistory: { worstDaysPastDue12m: number; defaults5y?: number };
  financials: { year: number; annualRevenue: number; netProfit?: number; totalAssets?: number; totalLiabilities?: number };
  legalCases?: number;
}

/** The credit report schema shipped in `schemas/`, without its `$schema` and `$id` (it is embedded in request schemas). */
export function creditReportSchema(): Record<string, unknown> {
  const file = new URL('../../../../../schemas/credit-report.schema.json', import.meta.url);
  const { $schema: _schema, $id: _id, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return schema;
}

const DAY_MS = 86_400_000;

/** The credit-risk policy's facts that come from a report. */
export function reportFacts(report: CreditReport, now: Date): { creditScore: number; yearsInBusiness: number; annualRevenue: number; worstDaysPastDue12m: number } {
  const years = (now.getTime() - Date.parse(report.company.foundedOn)) / (365.25 * DAY_MS);
  return {
    creditScore: report.creditScore,
    yearsInBusiness: Math.max(0, Math.floor(years * 10) / 10),
    annualRevenue: report.financials.annualRevenue,
    worstDaysPastDue12m: report.paymentHistory.worstDaysPastDue12m,
  };
}
