import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { creditReport, leadCustomers, TestBureau } from './creditHelpers.js';

let t: TestApp;
let bureau: TestBureau;
let finance = '';
beforeEach(async () => {
  bureau = new TestBureau();
  t = await createTestApp({ credit: { provider: bureau } });
  await t.user('fiona', 'finance', []);
  finance = await t.login('fiona', 'fiona-password');
  expect((await t.http.put('/api/credit/sectors/*').set('authorization', t.admin).send({ index: 30, comment: 'baseline' })).status).toBe(200);
});
afterEach(async () => {
  await t.store.close();
});

const DAY = 86_400_000;
async function moveTo(day: string) {
  t.clock.now = new Date(`${day}T08:00:00.000Z`);
  t.admin = await t.login('admin', ADMIN_PASSWORD);
  finance = await t.login('fiona', 'fiona-password');
}
const account = async (id: string) => (await t.http.get(`/api/customers/${id}/credit`).set('authorization', finance)).body.account;
const runReviews = async () => (await t.http.post('/api/jobs/credit-reviews').set('authorization', t.admin)).body;

describe('the scheduled review', () => {
  it('re-assesses accounts when due (sooner for high risk), applies what does not cut, and queues cuts for finance', async () => {
    const [strong, risky, steady] = await leadCustomers(t, 3, 'technology', 201);
    bureau.reports.set(strong!, creditReport({ score: 800 }));
    bureau.reports.set(risky!, creditReport({ score: 520 }));
    bureau.reports.set(steady!, creditReport({ score: 680 }));
    for (const [id, limit] of [[strong, 500_000], [risky, 80_000], [steady, 200_000]] as const) {
      expect((await t.http.post(`/api/customers/${id}/credit-assessments`).set('authorization', finance).send({ requestedLimit: limit })).body.status).toBe('applied');
    }
    expect(await runReviews()).toMatchObject({ reviewed: 0, failed: 0 });

    // Six months on only the high-risk account is due.
    await moveTo('2027-05-24');
    expect(await runReviews()).toMatchObject({ reviewed: 1, applied: 1, waiting: 0, failed: 0 });
    expect(await account(risky!)).toMatchObject({ tier: 'high', nextReviewDate: '2027-11-24' });
    expect(await account(strong!)).toMatchObject({ nextReviewDate: '2027-11-23' });

    // A year on: the strong customer's new report is weaker (a cut, queued), the steady one's bureau fails.
    await moveTo('2027-11-23');
    bureau.reports.set(strong!, creditReport({ score: 680, id: 'R-weaker' }));
    bureau.failing.add(steady!);
    expect(await runReviews()).toMatchObject({ reviewed: 1, applied: 0, waiting: 1, failed: 1 });
    expect(await account(strong!)).toMatchObject({ tier: 'low', limit: 500_000 });
    expect(await account(steady!)).toMatchObject({ tier: 'medium', lastReviewError: expect.stringMatching(/503 from the bureau/) });
    // Neither is taken again at once: the cut waits for finance, the failure for tomorrow.
    expect(await runReviews()).toMatchObject({ reviewed: 0, failed: 0 });
    const queue = (await t.http.get('/api/credit/queue').set('authorization', finance)).body.assessments;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ customerId: strong, trigger: 'annual-review', status: 'pending-review', change: 'cut', tier: 'medium', previous: { tier: 'low', limit: 500_000 } });
    const decided = await t.http.post(`/api/credit-assessments/${queue[0]._id}/decision`).set('authorization', finance).send({ approve: true, comment: '评分下降，按中风险执行' });
    expect(decided.body.status).toBe('approved');
    expect(await account(strong!)).toMatchObject({ tier: 'medium', limit: 500_000, nextReviewDate: '2028-11-23' });

    bureau.failing.clear();
    await moveTo(new Date(Date.parse('2027-11-23') + DAY).toISOString().slice(0, 10));
    // The failed review is retried, and the high-risk account is due again (six months after its last).
    expect(await runReviews()).toMatchObject({ reviewed: 2, applied: 2 });
    expect(await account(steady!)).toMatchObject({ tier: 'medium', nextReviewDate: '2028-11-24' });
    expect(await account(risky!)).toMatchObject({ nextReviewDate: '2028-05-24' });
    expect((await account(steady!)).lastReviewError).toBeUndefined();
  });
});

describe('a sector turning', () => {
  it('re-assesses only that sector’s accounts and reports the proposed cuts with totals', async () => {
    const tech = await leadCustomers(t, 3, 'technology', 202);
    const retail = await leadCustomers(t, 2, 'retail', 203);
    const limits = [800_000, 300_000, 200_000];
    for (const [i, id] of [...tech, ...retail].entries()) {
      bureau.reports.set(id, creditReport({ score: 800, id: `R-${i}` }));
      const answer = await t.http.post(`/api/customers/${id}/credit-assessments`).set('authorization', finance).send({ requestedLimit: limits[i % 3] });
      expect(answer.body).toMatchObject({ tier: 'low', status: 'applied' });
    }
    await t.http.put(`/api/customers/${tech[0]}/receivables`).set('authorization', finance).send({ exposure: 600_000, daysPastDue: 0, asOf: '2026-11-23' });
    const before = await t.services.creditAssessments.assessments.countDocuments({ customerId: { $in: retail } });

    expect((await t.http.put('/api/credit/sectors/technology').set('authorization', finance).send({ index: 75, comment: 'x' })).status).toBe(403);
    const raised = await t.http.put('/api/credit/sectors/technology').set('authorization', t.admin).send({ index: 75, comment: '芯片出口管制，行业风险上升' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(202);
    expect(raised.body).toMatchObject({ previous: 30, entry: { industry: 'technology', index: 75, effectiveFrom: '2026-11-23' } });
    await t.services.creditReviews.idle();
    const job = await t.http.get(`/api/credit/sector-jobs/${raised.body.job._id}`).set('authorization', finance);
    // By hand: high tier limits are min(request, 5% of 20M revenue = 1M, 500k): 800k → 500k; 300k and 200k keep their amount but fall to high.
    expect(job.body).toMatchObject({
      status: 'done',
      industry: 'technology',
      from: 30,
      to: 75,
      total: 3,
      processed: 3,
      proposedCuts: 3,
      totals: { limitBefore: 1_300_000, limitAfter: 1_000_000, exposure: 600_000, exposureOverNewLimit: 100_000 },
    });
    expect(job.body.cuts).toHaveLength(3);
    expect(job.body.cuts.find((c: { customerId: string }) => c.customerId === tech[0])).toMatchObject({ status: 'pending-review', tierBefore: 'low', tierAfter: 'high', limitBefore: 800_000, limitAfter: 500_000 });
    // Nothing applies silently; the other sector is untouched.
    expect(await account(tech[0]!)).toMatchObject({ tier: 'low', limit: 800_000 });
    expect(await t.services.creditAssessments.assessments.countDocuments({ customerId: { $in: retail } })).toBe(before);

    // A fall does not re-assess; a rise from a later date waits for it.
    const lowered = await t.http.put('/api/credit/sectors/technology').set('authorization', t.admin).send({ index: 50, comment: 'eased' });
    expect(lowered.status).toBe(200);
    expect(lowered.body.job).toBeNull();
    const later = await t.http.put('/api/credit/sectors/retail').set('authorization', t.admin).send({ index: 80, effectiveFrom: '2026-12-01', comment: '消费下行' });
    expect(later.body.job).toMatchObject({ status: 'scheduled' });
    expect(await t.services.creditAssessments.assessments.countDocuments({ customerId: { $in: retail } })).toBe(before);
    await moveTo('2026-12-01');
    expect((await runReviews()).sectorJobsStarted).toBe(1);
    await t.services.creditReviews.idle();
    const retailJob = await t.http.get(`/api/credit/sector-jobs/${later.body.job._id}`).set('authorization', finance);
    expect(retailJob.body).toMatchObject({ status: 'done', total: 2, proposedCuts: 2 });
    const sectors = (await t.http.get('/api/credit/sectors').set('authorization', finance)).body.sectors;
    expect(sectors.find((s: { industry: string }) => s.industry === 'retail')).toMatchObject({ index: 80, effectiveFrom: '2026-12-01' });
    expect((await t.http.put('/api/credit/sectors/Not%20An%20Industry').set('authorization', t.admin).send({ index: 10, comment: 'x' })).status).toBe(422);
  });
});
