import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// Every change to a claim or an appeal is an event in the feed (and so a webhook delivery).
let t: TestApp;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };
let boss: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  const south = await t.team('South Enterprise');
  [li, wang, boss] = await Promise.all([t.user('li.na', 'rep', [south], '李娜'), t.user('wang.qiang', 'rep', [south], '王强'), t.user('south.boss', 'manager', [south], '周敏')]);
});
afterEach(async () => {
  await t.store.close();
});

const events = async (type: string) => (await t.http.get(`/api/events?type=${type}`).set('authorization', t.admin)).body.events as Array<{ type: string; data: Record<string, unknown> }>;
const register = (who: { auth: string }, name: string) => t.http.post('/api/registrations').set('authorization', who.auth).send(softwareCustomer(name));

describe('claim and appeal events', () => {
  it('reports a claim granted, released, taken from the pool, converted and expired, without the registration’s fields', async () => {
    const first = await register(li, '深圳市星云数据有限公司');
    const second = await register(li, '深圳市海川科技有限公司');
    expect((await events('claim.created')).map((e) => e.data['claimId'])).toEqual([first.body.claim._id, second.body.claim._id]);
    const created = (await events('claim.created'))[0]!.data;
    expect(created).toMatchObject({ customerName: '深圳市星云数据有限公司', status: 'active', source: 'registration', grade: 'C', holder: { repId: li.id, repName: '李娜' }, expiresAt: first.body.claim.expiresAt });
    expect(JSON.stringify(created)).not.toContain('138-0013-8000');

    expect((await t.http.post(`/api/claims/${first.body.claim._id}/release`).set('authorization', li.auth).send({})).status).toBe(200);
    expect((await events('claim.released')).map((e) => e.data)).toEqual([expect.objectContaining({ claimId: first.body.claim._id, status: 'released', endedAt: expect.any(String) })]);
    const pooled = await t.http.post(`/api/pool/${first.body.claim.customerId}/claim`).set('authorization', wang.auth);
    expect(pooled.status).toBe(201);
    expect((await events('claim.created')).at(-1)!.data).toMatchObject({ source: 'pool', holder: { repId: wang.id } });

    expect((await t.http.post(`/api/claims/${second.body.claim._id}/convert`).set('authorization', li.auth)).status).toBe(200);
    expect((await events('claim.converted')).map((e) => e.data)).toEqual([expect.objectContaining({ claimId: second.body.claim._id, status: 'converted', convertedAt: expect.any(String) })]);

    t.clock.now = new Date(Date.parse(pooled.body.claim.expiresAt) + 1000);
    const admin = await t.login('admin', 'admin-password-for-tests');
    expect((await t.http.post('/api/jobs/expire-claims').set('authorization', admin)).body.expired).toBe(1);
    expect((await t.http.get('/api/events?type=claim.expired').set('authorization', admin)).body.events.map((e: { data: { claimId: string } }) => e.data.claimId)).toEqual([pooled.body.claim._id]);
  });

  it('reports an appeal decided, with the verdict and the claim it gave', async () => {
    await register(li, '深圳市星云数据有限公司');
    const taken = await register(wang, '星雲數據（深圳）有限責任公司');
    expect(taken.status).toBe(409);
    const appeal = await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId: taken.body.error.collisionId, reason: '另一家公司' });
    expect(appeal.status).toBe(201);
    const decided = await t.http.post(`/api/appeals/${appeal.body._id}/decision`).set('authorization', boss.auth).send({ verdict: 'different-companies', comment: '不同公司' });
    expect(decided.status).toBe(200);
    const [event, ...more] = await events('appeal.decided');
    expect(more).toEqual([]);
    expect(event!.data).toMatchObject({ appealId: appeal.body._id, verdict: 'different-companies', comment: '不同公司', decidedBy: { id: boss.id, name: '周敏' }, appellant: { repId: wang.id }, grantedClaimId: decided.body.grantedClaimId });
    expect(event!.data['grantedClaimId']).toEqual(expect.any(String));
    expect((await events('claim.created')).at(-1)!.data).toMatchObject({ claimId: decided.body.grantedClaimId, source: 'appeal', holder: { repId: wang.id } });
  });
});
