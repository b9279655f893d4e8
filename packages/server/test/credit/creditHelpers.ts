import type { CreditReport } from '../../src/domain/credit/creditReport.js';
import type { CreditReportProvider, ReportSubject } from '../../src/domain/credit/creditReportProvider.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead } from '../assignment/assignmentHelpers.js';

/** A report for a company founded `years` before 2026-11-23. */
export function creditReport(input: { score: number; years?: number; revenue?: number; dpd?: number; name?: string; id?: string }): CreditReport {
  const founded = 2026 - (input.years ?? 10);
  return {
    reportId: input.id ?? `R-${input.score}-${input.dpd ?? 0}`,
    provider: 'test-bureau',
    reportDate: '2026-11-01',
    company: { name: input.name ?? '测试公司', foundedOn: `${founded}-06-01` },
    creditScore: input.score,
    paymentHistory: { worstDaysPastDue12m: input.dpd ?? 0 },
    financials: { year: 2025, annualRevenue: input.revenue ?? 20_000_000 },
  };
}

/** A provider the test controls: a report per customer id, failures, or silence. */
export class TestBureau implements CreditReportProvider {
  readonly name = 'test-bureau';
  readonly reports = new Map<string, CreditReport>();
  /** Customers whose reports the bureau fails to give. */
  readonly failing = new Set<string>();
  mode: 'answer' | 'fail' | 'hang' = 'answer';
  calls = 0;

  async fetch(subject: ReportSubject, signal: AbortSignal): Promise<CreditReport | null> {
    this.calls += 1;
    if (this.mode === 'fail' || this.failing.has(subject.customerId)) throw new Error('503 from the bureau');
    if (this.mode === 'hang') {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return null;
    }
    return this.reports.get(subject.customerId) ?? null;
  }
}

/** Customers created as leads (nobody covers the region, so they wait unassigned), in an industry. */
export async function leadCustomers(t: TestApp, count: number, industry: string, seed: number): Promise<string[]> {
  const ids: string[] = [];
  for (const name of companyNames(count, seed)) {
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name, { industry, region: '110105' }));
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    ids.push(created.body.customerId as string);
  }
  return ids;
}
