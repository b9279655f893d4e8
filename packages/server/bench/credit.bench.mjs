// npm run bench:credit — a sector's risk index rises and every account in it is
// re-assessed through the credit-risk policy (the stored report, the new index),
// on the embedded store, with a progress bar; beside the bare policy decision for
// the same facts as the baseline. BENCH_CUSTOMERS (default 100000).
import { randomUUID } from 'node:crypto';
import { BENCH_ADMIN as ADMIN, openBenchApp } from './benchApp.mjs';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const NOW = new Date('2026-11-23T08:00:00.000Z');

const { policies, services, close } = await openBenchApp('credit', { clock: () => NOW });

// Accounts assessed earlier under a sector index of 30: customers, their assessment in force, their account.
let seed = 11;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
process.stderr.write(`seeding ${CUSTOMERS} customers with accounts… `);
let started = performance.now();
const facts = [];
for (let at = 0; at < CUSTOMERS; at += 5_000) {
  const customers = [];
  const assessments = [];
  const accounts = [];
  for (let i = at; i < Math.min(at + 5_000, CUSTOMERS); i += 1) {
    const customerId = randomUUID();
    const assessmentId = randomUUID();
    const score = 600 + Math.floor(rand() * 300);
    const revenue = 1_000_000 + Math.floor(rand() * 50_000_000);
    const requestedLimit = 50_000 + Math.floor(rand() * 2_000_000);
    const report = {
      reportId: `R-${i}`,
      provider: 'file',
      reportDate: '2026-06-01',
      company: { name: `bench-${i}`, foundedOn: `${2000 + Math.floor(rand() * 20)}-01-01` },
      creditScore: score,
      paymentHistory: { worstDaysPastDue12m: rand() < 0.1 ? 30 : 0 },
      financials: { year: 2025, annualRevenue: revenue },
    };
    const decided = policies['credit-risk'].decideSync({ creditScore: score, yearsInBusiness: 2026 - Number(report.company.foundedOn.slice(0, 4)), annualRevenue: revenue, worstDaysPastDue12m: report.paymentHistory.worstDaysPastDue12m, sectorRiskIndex: 30, requestedLimit }, { now: NOW, explain: false });
    const params = decided.outcome.params ?? {};
    const tier = params.tier ?? 'medium';
    const limit = params.creditLimit ?? 0;
    customers.push({ _id: customerId, name: `bench-${i}`, nameKey: `bench-${i}`, dedupKeys: [], industry: 'technology', region: '440305', grade: 'C', fields: {}, createdAt: NOW.toISOString() });
    assessments.push({ _id: assessmentId, customerId, customerName: `bench-${i}`, industry: 'technology', team: null, at: NOW.toISOString(), trigger: 'request', requestedBy: { id: 'bench', name: 'bench' }, requestedLimit, report: { provider: 'file', source: 'provider', reportId: report.reportId, reportDate: report.reportDate, content: report }, sector: { industry: '*', index: 30 }, facts: {}, policyVersion: decided.version, outcome: 'assess', tier, creditLimit: limit, approvalLevel: 'auto', nextReviewDate: '2027-11-23', reviewMonths: 12, flagDaysPastDue: 45, flagUtilisation: 0.95, reason: 'seeded', fired: decided.fired, previous: null, change: 'new', status: 'applied', decisions: [] });
    accounts.push({ _id: customerId, customerName: `bench-${i}`, industry: 'technology', team: null, tier, limit, requestedLimit, assessmentId, assessedAt: NOW.toISOString(), nextReviewDate: '2027-11-23', flagDaysPastDue: 45, flagUtilisation: 0.95, exposure: Math.floor(limit * rand()), daysPastDue: 0, receivablesAsOf: '2026-11-20', flags: [], updatedAt: NOW.toISOString() });
    facts.push({ creditScore: score, yearsInBusiness: 2026 - Number(report.company.foundedOn.slice(0, 4)), annualRevenue: revenue, worstDaysPastDue12m: report.paymentHistory.worstDaysPastDue12m, sectorRiskIndex: 75, requestedLimit });
  }
  await services.claims.customers.insertMany(customers);
  await services.creditAssessments.assessments.insertMany(assessments);
  await services.creditAccounts.accounts.insertMany(accounts);
}
await services.sectors.set(ADMIN, { industry: '*', index: 30, effectiveFrom: '2026-01-01', comment: 'baseline' });
process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);

// Baseline: the bare policy decision (with its explanation, as the job keeps it) for the same facts.
const policy = policies['credit-risk'];
started = performance.now();
for (const f of facts) policy.decideSync(f, { now: NOW });
const bareSeconds = (performance.now() - started) / 1000;

// The sector turns: the job re-assesses every account, storing each assessment; cuts wait for finance.
started = performance.now();
const { entry, previous } = await services.sectors.set(ADMIN, { industry: 'technology', index: 75, effectiveFrom: '2026-11-23', comment: 'bench' });
const job = await services.creditReviews.sectorChanged(ADMIN, entry, previous);
const tty = process.stderr.isTTY;
let lastShown = -1;
const progress = setInterval(async () => {
  const now = await services.creditReviews.jobs.findOne({ _id: job._id });
  if (!now || now.total === 0) return;
  const share = now.processed / now.total;
  const seconds = (performance.now() - started) / 1000;
  const rate = now.processed / seconds;
  const bar = '█'.repeat(Math.round(share * 30)).padEnd(30, '░');
  const line = `re-assessing ${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${now.processed}/${now.total}  ${rate.toFixed(0)}/s  eta ${rate > 0 ? ((now.total - now.processed) / rate).toFixed(0) : '?'} s`;
  if (tty) process.stderr.write(`\r${line}`);
  else if (Math.floor(share * 10) > lastShown) {
    lastShown = Math.floor(share * 10);
    process.stderr.write(`${line}\n`);
  }
}, 250);
await services.creditReviews.idle();
clearInterval(progress);
if (tty) process.stderr.write('\n');
const jobSeconds = (performance.now() - started) / 1000;
const done = await services.creditReviews.jobs.findOne({ _id: job._id });

const money = (n) => `${(n / 1e6).toFixed(1)}M`;
console.log(`sector re-assessment of ${CUSTOMERS} accounts on the embedded store, node ${process.version}`);
console.log(`bare policy decision     ${(CUSTOMERS / bareSeconds).toFixed(0).padStart(9)} customers/s`);
console.log(`sector job (stored)      ${(CUSTOMERS / jobSeconds).toFixed(0).padStart(9)} customers/s  (${((bareSeconds / jobSeconds) * 100).toFixed(1)}% of the bare decision rate; ${(jobSeconds / bareSeconds).toFixed(1)}× its time)`);
console.log(`job ${done.status}: ${done.processed} re-assessed, ${done.proposedCuts} proposed cuts, ${done.pendingApproval} waiting for approval, ${done.unchanged} unchanged`);
console.log(`limits ${money(done.totals.limitBefore)} → ${money(done.totals.limitAfter)} CNY; exposure ${money(done.totals.exposure)}, of which ${money(done.totals.exposureOverNewLimit)} above the proposed limits`);
await close();
