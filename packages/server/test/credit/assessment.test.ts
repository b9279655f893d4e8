import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import type { CreditReport } from '../../src/domain/credit/creditReport.js';
import { creditReport, leadCustomers, TestBureau } from './creditHelpers.js';

let t: TestApp;
let bureau: TestBureau;
let finance: { id: string; auth: string };
let director: { id: string; auth: string };
beforeEach(async () => {
  bureau = new TestBureau();
  t = await createTestApp({ credit: { provider: bureau, providerTimeoutMs: 300 } });
  finance = await t.user('fiona', 'finance', [], 'Fiona (finance)');
  director = await t.user('dora', 'director', [], 'Dora (director)');
  // Sector indexes the tiers below are computed against.
  expect((await t.http.put('/api/credit/sectors/*').set('authorization', t.admin).send({ index: 30, comment: 'baseline' })).status).toBe(200);
});
afterEach(async () => {
  await t.store.close();
});

const assess = (customerId: string, body: Record<string, unknown>, auth = finance.auth) => t.http.post(`/api/customers/${customerId}/credit-assessments`).set('authorization', auth).send(body);
/** Assesses with the provider's report: the bureau has `report` for the customer. */
const assessWith = (customerId: string, report: CreditReport, requestedLimit: number, auth = finance.auth) => {
  bureau.reports.set(customerId, report);
  return assess(customerId, { requestedLimit }, auth);
};

describe('credit assessment', () => {
  it('decides every tier, keeps each assessment as history, and applies what needs no approval', async () => {
    const [low, medium, high, rejected, referred, unmatched] = await leadCustomers(t, 6, 'technology', 101);
    const cases = [
      { id: low!, report: creditReport({ score: 800 }), limit: 500_000, expect: { tier: 'low', creditLimit: 500_000, status: 'applied', approvalLevel: 'auto' } },
      { id: medium!, report: creditReport({ score: 680 }), limit: 200_000, expect: { tier: 'medium', creditLimit: 200_000, status: 'applied' } },
      { id: high!, report: creditReport({ score: 520 }), limit: 80_000, expect: { tier: 'high', creditLimit: 80_000, status: 'applied' } },
      { id: rejected!, report: creditReport({ score: 700, dpd: 120 }), limit: 80_000, expect: { tier: 'reject', creditLimit: 0, status: 'applied' } },
      { id: referred!, report: creditReport({ score: 800, years: 1 }), limit: 80_000, expect: { outcome: 'refer', tier: null, status: 'pending-approval', approvalLevel: 'finance', reason: 'Less than two years of trading history' } },
      { id: unmatched!, report: creditReport({ score: 700, revenue: 0 }), limit: 80_000, expect: { outcome: 'refer', status: 'pending-approval' } },
    ];
    for (const c of cases) {
      const response = await assessWith(c.id, c.report, c.limit);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body, c.report.reportId).toMatchObject({ ...c.expect, trigger: 'request', policyVersion: '1.1.0', sector: { industry: '*', index: 30 } });
      expect(response.body.report.content).toEqual(c.report);
    }
    const account = await t.http.get(`/api/customers/${low}/credit`).set('authorization', finance.auth);
    expect(account.body.account).toMatchObject({ tier: 'low', limit: 500_000, nextReviewDate: '2027-11-23', flagDaysPastDue: 60 });
    expect((await t.http.get(`/api/customers/${high}/credit`).set('authorization', finance.auth)).body.account.nextReviewDate).toBe('2027-05-23');
    expect((await t.http.get(`/api/customers/${referred}/credit`).set('authorization', finance.auth)).body.account).toBeNull();

    // A second assessment, a day later, is added, never written over the first.
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    finance.auth = await t.login('fiona', 'fiona-password');
    await assessWith(low!, creditReport({ score: 790, id: 'R-second' }), 600_000);
    const history = await t.http.get(`/api/customers/${low}/credit-assessments`).set('authorization', finance.auth);
    expect(history.body.assessments.map((a: { report: { reportId: string }; creditLimit: number }) => [a.report.reportId, a.creditLimit])).toEqual([
      ['R-second', 600_000],
      ['R-800-0', 500_000],
    ]);
  });

  it('sends a limit above the automatic ceiling to the level the policy names, and records who decided and why', async () => {
    const team = await t.team('North');
    const manager = await t.user('mo.jie', 'manager', [team]);
    const otherManager = await t.user('max', 'manager', [await t.team('West')]);
    const rep = await t.user('rita', 'rep', [team]);
    const registered = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('北京信达软件有限公司'));
    const customerId = registered.body.claim.customerId as string;

    // Medium tier, 500k over the 300k ceiling: a manager of the holder's team approves.
    const asked = await assessWith(customerId, creditReport({ score: 680 }), 500_000, rep.auth);
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ tier: 'medium', creditLimit: 500_000, status: 'pending-approval', approvalLevel: 'manager' });
    expect((await t.http.get(`/api/customers/${customerId}/credit`).set('authorization', rep.auth)).body.account).toBeNull();
    const id = asked.body._id as string;
    const decide = (auth: string, body: Record<string, unknown>) => t.http.post(`/api/credit-assessments/${id}/decision`).set('authorization', auth).send(body);
    expect((await decide(rep.auth, { approve: true, comment: 'mine' })).status).toBe(403);
    expect((await decide(otherManager.auth, { approve: true, comment: 'not my team' })).status).toBe(404);
    expect((await decide(manager.auth, { approve: true, comment: 'too much', limit: 900_000 })).body.error).toMatchObject({ code: 'invalid', details: [{ path: '/limit' }] });
    expect((await decide(manager.auth, { approve: true })).body.error).toMatchObject({ code: 'invalid', details: [{ path: '/comment' }] });
    expect((await t.http.get('/api/credit/queue').set('authorization', manager.auth)).body.assessments.map((a: { _id: string }) => a._id)).toEqual([id]);
    const approved = await decide(manager.auth, { approve: true, comment: '两年合作记录良好，先批 40 万', limit: 400_000 });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decisions: [{ by: manager.id, role: 'manager', approve: true, comment: '两年合作记录良好，先批 40 万', limit: 400_000, tier: 'medium' }] });
    expect((await t.http.get(`/api/customers/${customerId}/credit`).set('authorization', rep.auth)).body.account).toMatchObject({ tier: 'medium', limit: 400_000 });
    expect((await decide(manager.auth, { approve: false, comment: 'again' })).status).toBe(409);
    const audit = await t.http.get('/api/audit?limit=50').set('authorization', t.admin);
    expect(audit.body.entries.find((e: { action: string }) => e.action === 'credit.approved')).toMatchObject({ actor: { id: manager.id }, data: { comment: '两年合作记录良好，先批 40 万', level: 'manager' } });

    // High tier over its 100k ceiling: only a director approves; finance may not.
    const [big] = await leadCustomers(t, 1, 'technology', 102);
    const high = await assessWith(big!, creditReport({ score: 520 }), 400_000);
    expect(high.body).toMatchObject({ tier: 'high', creditLimit: 400_000, status: 'pending-approval', approvalLevel: 'director' });
    const highDecision = (auth: string, body: Record<string, unknown>) => t.http.post(`/api/credit-assessments/${high.body._id}/decision`).set('authorization', auth).send(body);
    expect((await highDecision(finance.auth, { approve: true, comment: 'ok' })).body.error.message).toMatch(/director/);
    expect((await t.http.get('/api/credit/queue').set('authorization', finance.auth)).body.assessments).toEqual([]);
    expect((await highDecision(director.auth, { approve: false, comment: '行业风险偏高' })).body).toMatchObject({ status: 'rejected', decisions: [{ by: director.id, approve: false }] });
    expect((await t.http.get(`/api/customers/${big}/credit`).set('authorization', finance.auth)).body.account).toBeNull();

    // A referral is approved with the tier and limit the approver sets; the requester cannot approve their own.
    const [young] = await leadCustomers(t, 1, 'technology', 103);
    const referral = await assessWith(young!, creditReport({ score: 800, years: 1 }), 100_000, director.auth);
    const referralDecision = (auth: string, body: Record<string, unknown>) => t.http.post(`/api/credit-assessments/${referral.body._id}/decision`).set('authorization', auth).send(body);
    expect((await referralDecision(director.auth, { approve: true, comment: 'mine', tier: 'medium', limit: 50_000 })).body.error.message).toMatch(/other than the requester/);
    const missing = await referralDecision(finance.auth, { approve: true, comment: 'new company' });
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/limit', '/tier']);
    expect((await referralDecision(finance.auth, { approve: true, comment: 'new company, small start', tier: 'high', limit: 50_000 })).body.status).toBe('approved');
    expect((await t.http.get(`/api/customers/${young}/credit`).set('authorization', finance.auth)).body.account).toMatchObject({ tier: 'high', limit: 50_000 });

    // A re-assessment asks whether the limit in force holds: a riskier sector never brings back the 500k the manager lowered.
    const turned = await t.http.put('/api/credit/sectors/*').set('authorization', t.admin).send({ index: 75, comment: 'everything riskier' });
    await t.services.creditReviews.idle();
    const cut = (await t.http.get(`/api/credit/sector-jobs/${turned.body.job._id}`).set('authorization', finance.auth)).body.cuts.find((c: { customerId: string }) => c.customerId === customerId);
    expect(cut).toMatchObject({ tierBefore: 'medium', tierAfter: 'high', limitBefore: 400_000, limitAfter: 400_000, status: 'pending-review' });
  });

  it('answers provider-unavailable when the provider fails or is silent, and stores nothing', async () => {
    const [customer] = await leadCustomers(t, 1, 'technology', 104);
    bureau.mode = 'fail';
    const failed = await assess(customer!, { requestedLimit: 100_000 });
    expect(failed.status).toBe(503);
    expect(failed.body.error).toMatchObject({ code: 'provider-unavailable', provider: 'test-bureau' });
    expect(failed.body.error.message).toMatch(/503 from the bureau/);
    bureau.mode = 'hang';
    const silent = await assess(customer!, { requestedLimit: 100_000 });
    expect(silent.status).toBe(503);
    expect(silent.body.error.message).toMatch(/did not answer within 300 ms/);
    bureau.mode = 'answer';
    const none = await assess(customer!, { requestedLimit: 100_000 });
    expect(none.body.error).toMatchObject({ code: 'invalid', details: [{ path: '/report' }] });
    expect(await t.services.creditAssessments.assessments.countDocuments({})).toBe(0);
    expect(await t.services.creditAccounts.accounts.countDocuments({})).toBe(0);
    bureau.reports.set(customer!, creditReport({ score: 700 }));
    expect((await assess(customer!, { requestedLimit: 100_000 })).body).toMatchObject({ tier: 'medium', report: { source: 'provider', provider: 'test-bureau' } });
  });

  it('refuses a malformed report with the path of the bad field', async () => {
    const [customer] = await leadCustomers(t, 1, 'technology', 105);
    const bad = { ...creditReport({ score: 700 }), creditScore: 1200, reportDate: 'yesterday' };
    const response = await assess(customer!, { requestedLimit: 100_000, report: bad });
    expect(response.status).toBe(422);
    expect(response.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/report/creditScore', '/report/reportDate']);
    expect((await assess(customer!, {})).body.error.details[0].path).toBe('/requestedLimit');
    expect(await t.services.creditAssessments.assessments.countDocuments({})).toBe(0);
  });
});

describe('a report supplied by hand', () => {
  it('is refused from a rep or a manager, and stores nothing', async () => {
    const team = await t.team('North');
    const rep = await t.user('rita', 'rep', [team]);
    const manager = await t.user('mo.jie', 'manager', [team]);
    const registered = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('北京信达软件有限公司'));
    const customerId = registered.body.claim.customerId as string;
    const madeUp = { ...creditReport({ score: 900, revenue: 9e8 }), reportId: 'made-up' };
    for (const auth of [rep.auth, manager.auth]) {
      const response = await assess(customerId, { requestedLimit: 300_000, report: madeUp }, auth);
      expect(response.status, JSON.stringify(response.body)).toBe(403);
      expect(response.body.error).toMatchObject({ code: 'forbidden', details: [{ path: '/report' }] });
    }
    expect(await t.services.creditAssessments.assessments.countDocuments({})).toBe(0);
    expect((await t.http.get(`/api/customers/${customerId}/credit`).set('authorization', rep.auth)).body.account).toBeNull();
  });

  it('from finance waits for someone other than its supplier, even where the policy would apply it at once', async () => {
    const [customer] = await leadCustomers(t, 1, 'technology', 107);
    const uploaded = await assess(customer!, { requestedLimit: 500_000, report: creditReport({ score: 800 }) });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(uploaded.body).toMatchObject({ tier: 'low', status: 'pending-approval', approvalLevel: 'finance', report: { source: 'upload' } });
    expect((await t.http.get(`/api/customers/${customer}/credit`).set('authorization', finance.auth)).body.account).toBeNull();
    const decide = (auth: string) => t.http.post(`/api/credit-assessments/${uploaded.body._id}/decision`).set('authorization', auth).send({ approve: true, comment: '核对了报告原件' });
    expect((await decide(finance.auth)).status).toBe(403);
    const other = await t.user('felix', 'finance', []);
    expect((await decide(other.auth)).body).toMatchObject({ status: 'approved', decisions: [{ by: other.id }] });
    expect((await t.http.get(`/api/customers/${customer}/credit`).set('authorization', finance.auth)).body.account).toMatchObject({ tier: 'low', limit: 500_000 });
  });

  it('waits even when it changes nothing but the tier, and never below the finance level', async () => {
    // An account in force from the provider's report: medium, 200k.
    const [customer] = await leadCustomers(t, 1, 'technology', 108);
    expect((await assessWith(customer!, creditReport({ score: 680 }), 200_000)).body).toMatchObject({ tier: 'medium', status: 'applied' });
    // The same limit on a made-up better report: the tier would improve with no limit change. It waits.
    const better = await assess(customer!, { requestedLimit: 200_000, report: creditReport({ score: 900, id: 'made-up' }) });
    expect(better.body).toMatchObject({ tier: 'low', change: 'same', status: 'pending-approval', approvalLevel: 'finance' });
    expect((await t.http.get(`/api/customers/${customer}/credit`).set('authorization', finance.auth)).body.account).toMatchObject({ tier: 'medium', limit: 200_000 });

    // Where the policy asks only a manager (medium, over 300k), a hand-made report still needs finance.
    const team = await t.team('North');
    const manager = await t.user('mo.jie', 'manager', [team]);
    const rep = await t.user('rita', 'rep', [team]);
    const registered = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('北京信达软件有限公司'));
    const held = registered.body.claim.customerId as string;
    const uploaded = await assess(held, { requestedLimit: 500_000, report: creditReport({ score: 680 }) });
    expect(uploaded.body).toMatchObject({ tier: 'medium', status: 'pending-approval', approvalLevel: 'finance' });
    const byManager = await t.http.post(`/api/credit-assessments/${uploaded.body._id}/decision`).set('authorization', manager.auth).send({ approve: true, comment: '同意' });
    expect(byManager.status).toBe(403);
    expect((await t.http.get(`/api/customers/${held}/credit`).set('authorization', finance.auth)).body.account).toBeNull();
  });
});

describe('who sees what', () => {
  it('shows a rep the outcome of their customer’s assessment, never the report', async () => {
    const team = await t.team('North');
    const rep = await t.user('rita', 'rep', [team]);
    const stranger = await t.user('sam', 'rep', [team]);
    const registered = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('北京信达软件有限公司'));
    const customerId = registered.body.claim.customerId as string;
    const done = await assessWith(customerId, creditReport({ score: 800 }), 100_000, rep.auth);
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ tier: 'low', creditLimit: 100_000, facts: {} });
    expect(done.body.report).toEqual({ provider: 'test-bureau', source: 'provider', reportId: 'R-800-0', reportDate: '2026-11-01' });
    expect(done.body.explanation).toBeUndefined();
    const asRep = await t.http.get(`/api/credit-assessments/${done.body._id}`).set('authorization', rep.auth);
    expect(JSON.stringify(asRep.body)).not.toContain('creditScore');
    const asFinance = await t.http.get(`/api/credit-assessments/${done.body._id}`).set('authorization', finance.auth);
    expect(asFinance.body.report.content.creditScore).toBe(800);
    expect(asFinance.body.facts.creditScore).toBe(800);
    expect(asFinance.body.explanation.rules.length).toBeGreaterThan(0);
    // Another rep of the team neither reads it nor asks for credit for a customer they do not hold.
    expect((await t.http.get(`/api/credit-assessments/${done.body._id}`).set('authorization', stranger.auth)).status).toBe(404);
    expect((await assessWith(customerId, creditReport({ score: 800 }), 1, stranger.auth)).status).toBe(404);
    expect((await t.http.put(`/api/customers/${customerId}/receivables`).set('authorization', rep.auth).send({ exposure: 1, daysPastDue: 0, asOf: '2026-11-20' })).status).toBe(403);
  });
});

describe('receivables', () => {
  it('flag an account when they cross the thresholds its policy outcome set', async () => {
    const [customer, other] = await leadCustomers(t, 2, 'technology', 106);
    await assessWith(customer!, creditReport({ score: 680 }), 200_000); // medium: 45 days, 95%
    const put = (body: Record<string, unknown>) => t.http.put(`/api/customers/${customer}/receivables`).set('authorization', finance.auth).send(body);
    expect((await put({ exposure: 150_000, daysPastDue: 10, asOf: '2026-11-20' })).body.account).toMatchObject({ exposure: 150_000, flags: [] });
    expect((await put({ exposure: 195_000, daysPastDue: 10, asOf: '2026-11-21' })).body.account.flags).toEqual(['high-utilisation']);
    expect((await put({ exposure: 210_000, daysPastDue: 45, asOf: '2026-11-22' })).body.account.flags).toEqual(['past-due', 'over-limit']);
    expect((await put({ exposure: 1, daysPastDue: 0, asOf: '2026-11-01' })).status).toBe(409);
    expect((await put({ exposure: -1, daysPastDue: 0.5, asOf: 'now' })).body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/asOf', '/daysPastDue', '/exposure']);
    expect((await t.http.put(`/api/customers/${other}/receivables`).set('authorization', finance.auth).send({ exposure: 1, daysPastDue: 0, asOf: '2026-11-20' })).status).toBe(404);
    const flagged = await t.http.get('/api/credit/flagged').set('authorization', finance.auth);
    expect(flagged.body.accounts.map((a: { _id: string }) => a._id)).toEqual([customer]);

    // The same from a CSV file, Chinese headers, one bad row reported by line.
    const csv = `客户编号,应收余额,逾期天数,截至日期\n${customer},50000,0,2026-11-23\n${other},1,0,2026-11-23\n${customer},abc,0,2026-11-23\n`;
    const imported = await t.http.post('/api/credit/receivables/import').set('authorization', finance.auth).set('content-type', 'text/csv').send(csv);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toEqual({ rows: 3, updated: 1, problems: [{ line: 3, reason: 'no credit account for this customer' }, { line: 4, reason: 'exposure must be a number ≥ 0' }] });
    expect((await t.http.get('/api/credit/flagged').set('authorization', finance.auth)).body.accounts).toEqual([]);
  });
});

describe('the file provider', () => {
  it('reads a report named by the credit code, checks it against the schema, and says when a file is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-reports-'));
    const app = await createTestApp({ credit: { reportsDir: dir } });
    try {
      const created = await app.http.post('/api/leads').set('authorization', app.admin).send({ companyName: '上海晨光贸易有限公司', region: '310104', type: 'company', employees: 80, industry: 'retail', creditCode: '91310000MA1FL5LX3A' });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const customerId = created.body.customerId as string;
      const ask = () => app.http.post(`/api/customers/${customerId}/credit-assessments`).set('authorization', app.admin).send({ requestedLimit: 100_000 });
      expect((await ask()).body.error.details[0].path).toBe('/report');
      writeFileSync(join(dir, '91310000MA1FL5LX3A.json'), JSON.stringify({ ...creditReport({ score: 700 }), provider: 'file' }));
      expect((await ask()).body).toMatchObject({ tier: 'medium', report: { provider: 'file', source: 'provider' } });
      writeFileSync(join(dir, '91310000MA1FL5LX3A.json'), JSON.stringify({ ...creditReport({ score: 700 }), creditScore: 'high' }));
      const broken = await ask();
      expect(broken.status).toBe(503);
      expect(broken.body.error.message).toMatch(/does not match the credit report schema: \/creditScore/);
    } finally {
      await app.store.close();
    }
  });
});
