import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

let t: TestApp;
let south: string;
let li: { id: string; auth: string };
let zhao: { id: string; auth: string };
let boss: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  south = await t.team('South Enterprise');
  [li, zhao, boss] = await Promise.all([t.user('li.na', 'rep', [south], '李娜'), t.user('zhao.lei', 'rep', [south], '赵磊'), t.user('south.boss', 'manager', [south])]);
});
afterEach(async () => {
  await t.store.close();
});

const at = async (iso: string) => {
  t.clock.now = new Date(iso);
  li.auth = await t.login('li.na', 'li.na-password');
  zhao.auth = await t.login('zhao.lei', 'zhao.lei-password');
  boss.auth = await t.login('south.boss', 'south.boss-password');
  t.admin = await t.login('admin', 'admin-password-for-tests');
};
const runJobs = async () => (await t.http.post('/api/jobs/expire-claims').set('authorization', t.admin)).body as { expired: number; reminded: number };
const register = (auth: string, name: string, extra: Record<string, unknown> = {}) =>
  t.http.post('/api/registrations').set('authorization', auth).send(softwareCustomer(name, { phone: `0755 ${Math.floor(Math.random() * 1e8)}`, ...extra }));

describe('the claim lifecycle set by the policy', () => {
  it('records the deal deadline and reminder of the grade', async () => {
    const granted = await register(li.auth, '期限测试公司');
    expect(granted.body.claim).toMatchObject({ protectionDays: 30, dealDeadline: '2027-02-21T08:00:00.000Z', remindDaysBefore: 3, source: 'registration' });
  });

  it('lapses at the deal deadline however many follow-ups, unless a deal is open', async () => {
    const a = (await register(li.auth, '跟进不成交公司')).body.claim;
    const b = (await register(li.auth, '已有商机公司')).body.claim;
    expect((await t.http.post(`/api/claims/${b._id}/deal`).set('authorization', li.auth).send({ open: true })).body.claim.locked).toBe(true);
    for (const day of ['2026-12-13', '2027-01-02', '2027-01-22', '2027-02-11']) {
      await at(`${day}T08:00:00.000Z`);
      expect((await t.http.post(`/api/claims/${a._id}/follow-ups`).set('authorization', li.auth).send({ note: '电话跟进' })).status).toBe(201);
    }
    const claim = (await t.http.get('/api/claims').set('authorization', li.auth)).body.claims.find((c: { _id: string }) => c._id === a._id);
    expect(claim.expiresAt).toBe('2027-02-21T08:00:00.000Z');
    await at('2027-02-21T08:00:01.000Z');
    expect((await runJobs()).expired).toBe(1);
    const statuses = Object.fromEntries(((await t.http.get('/api/claims').set('authorization', li.auth)).body.claims as Array<{ _id: string; status: string }>).map((c) => [c._id, c.status]));
    expect(statuses).toEqual({ [a._id]: 'expired', [b._id]: 'active' });
  });

  it('reminds the holder before a claim lapses, once', async () => {
    await register(li.auth, '提醒测试公司');
    await at('2026-12-19T08:00:00.000Z');
    expect((await runJobs()).reminded).toBe(0);
    await at('2026-12-20T08:00:00.000Z');
    expect((await runJobs()).reminded).toBe(1);
    expect((await runJobs()).reminded).toBe(0);
    const reminders = (await t.http.get('/api/reminders').set('authorization', li.auth)).body.reminders;
    expect(reminders).toEqual([expect.objectContaining({ customerName: '提醒测试公司', lapsesAt: '2026-12-23T08:00:00.000Z' })]);
    expect((await t.http.get('/api/reminders').set('authorization', zhao.auth)).body.reminders).toEqual([]);
  });

  it('keeps a converted customer with its owner: nobody else can register it', async () => {
    const claim = (await register(li.auth, '签约客户公司')).body.claim;
    const converted = await t.http.post(`/api/claims/${claim._id}/convert`).set('authorization', li.auth);
    expect(converted.body.claim).toMatchObject({ status: 'converted', convertedAt: '2026-11-23T08:00:00.000Z' });
    await at('2028-01-01T00:00:00.000Z');
    expect((await runJobs()).expired).toBe(0);
    const other = await register(zhao.auth, '签约客户公司');
    expect(other.status).toBe(409);
    expect(other.body.error.holder.name).toBe('李娜');
    expect((await t.http.get('/api/pool').set('authorization', zhao.auth)).body.customers).toEqual([]);
  });

  it('lets a previous owner reclaim from the pool only after the cooling-off period', async () => {
    const claim = (await register(li.auth, '冷却期测试公司')).body.claim;
    await t.http.post(`/api/claims/${claim._id}/release`).set('authorization', li.auth).send({});
    await at('2026-12-20T08:00:00.000Z');
    const early = await t.http.post(`/api/pool/${claim.customerId}/claim`).set('authorization', li.auth);
    expect(early.status).toBe(403);
    expect(early.body.error.reasons).toEqual([expect.objectContaining({ reason: 'cooling-off' })]);
    await at('2026-12-23T08:00:00.000Z');
    const later = await t.http.post(`/api/pool/${claim.customerId}/claim`).set('authorization', li.auth);
    expect(later.status).toBe(201);
    expect(later.body.claim.source).toBe('pool');
  });

  it('limits claims from the pool to five a day per rep', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const claim = (await register(zhao.auth, `公海测试${i}公司`)).body.claim;
      await t.http.post(`/api/claims/${claim._id}/release`).set('authorization', zhao.auth).send({});
      ids.push(claim.customerId);
    }
    const statuses: number[] = [];
    for (const id of ids) statuses.push((await t.http.post(`/api/pool/${id}/claim`).set('authorization', li.auth)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 403]);
    await at('2026-11-24T00:00:00.000Z');
    expect((await t.http.post(`/api/pool/${ids[5]}/claim`).set('authorization', li.auth)).status).toBe(201);
  });

  it('caps the customers a rep keeps locked by open deals, apart from those held', async () => {
    for (let i = 0; i < 20; i += 1) {
      await t.services.claims.claims.insertOne({ _id: `locked${i}`, customerId: `lc${i}`, customerName: 'x', repId: li.id, repName: '李娜', team: south, teamName: 'South Enterprise', grade: 'C', status: 'active', holding: true, locked: true, source: 'registration', protectionDays: 30, grantedAt: '2026-11-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z', followUps: [], policyVersion: '1.1.0', templateVersion: 1 });
    }
    const granted = await register(li.auth, '锁定上限测试公司');
    expect(granted.status).toBe(201);
    const refused = await t.http.post(`/api/claims/${granted.body.claim._id}/deal`).set('authorization', li.auth).set('accept-language', 'zh-CN').send({ open: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.reasons).toEqual([{ reason: 'locked-cap-reached', message: '您的锁定客户（进行中的商机）已达上限（20）' }]);
    await t.http.post('/api/claims/locked0/deal').set('authorization', li.auth).send({ open: false });
    expect((await t.http.post(`/api/claims/${granted.body.claim._id}/deal`).set('authorization', li.auth).send({ open: true })).status).toBe(200);
  });

  it('lets a manager transfer a claim within their teams', async () => {
    const claim = (await register(li.auth, '转移测试公司')).body.claim;
    expect((await t.http.post(`/api/claims/${claim._id}/transfer`).set('authorization', li.auth).send({ toRepId: zhao.id, reason: 'x' })).status).toBe(403);
    const moved = await t.http.post(`/api/claims/${claim._id}/transfer`).set('authorization', boss.auth).send({ toRepId: zhao.id, reason: '李娜休假' });
    expect(moved.status).toBe(200);
    expect(moved.body.from.status).toBe('transferred');
    expect(moved.body.to).toMatchObject({ repId: zhao.id, status: 'active', source: 'transfer' });
    expect((await t.http.post(`/api/claims/${moved.body.to._id}/transfer`).set('authorization', boss.auth).send({ toRepId: boss.id, reason: 'x' })).status).toBe(422);
  });

  it('moves a claim once when two transfers race: the other answers 409 and writes nothing', async () => {
    const claim = (await register(li.auth, '并发转移测试公司')).body.claim;
    const wu = await t.user('wu.fang', 'rep', [south], '吴芳');
    const answers = await Promise.all([zhao, wu].map((to) => t.http.post(`/api/claims/${claim._id}/transfer`).set('authorization', boss.auth).send({ toRepId: to.id, reason: '调整' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('conflict');
    expect(await t.services.claims.claims.countDocuments({ customerId: claim.customerId })).toBe(2);
    expect(await t.services.audit.entries.countDocuments({ action: 'claim.transferred' })).toBe(1);
    const loads = await t.services.claims.workloads.of([li.id, zhao.id, wu.id]);
    expect([li.id, zhao.id, wu.id].map((id) => loads.get(id)?.active ?? 0).sort()).toEqual([0, 0, 1]);
  });
});
