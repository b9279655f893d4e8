import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

// The dashboards' figures: one set of pipelines, scoped by role.
let t: TestApp;
let south: string;
let east: string;
let users: Record<'li' | 'zhao' | 'wang' | 'boss' | 'finance', { id: string; auth: string }>;

beforeAll(async () => {
  t = await createTestApp();
  south = await t.team('South Enterprise');
  east = await t.team('East Enterprise');
  const [li, zhao, wang, boss, finance] = await Promise.all([
    t.user('li.na', 'rep', [south], '李娜'),
    t.user('zhao.lei', 'rep', [south], '赵磊'),
    t.user('wang.qiang', 'rep', [east], '王强'),
    t.user('south.boss', 'manager', [south]),
    t.user('fin', 'finance', []),
  ]);
  users = { li: li!, zhao: zhao!, wang: wang!, boss: boss!, finance: finance! };
  const register = async (who: { auth: string }, name: string, extra: Record<string, unknown> = {}) => t.http.post('/api/registrations').set('authorization', who.auth).send(softwareCustomer(name, extra));
  expect((await register(users.li, '深圳市星云数据有限公司')).status).toBe(201);
  const second = await register(users.li, '深圳市海川科技有限公司', { grade: 'A', intent: '明年上 CRM' });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  expect((await register(users.zhao, '广州市白云物流有限公司', { region: '440111' })).status).toBe(201);
  expect((await register(users.wang, '上海晨曦贸易有限公司', { region: '310104', grade: 'B', purchasePlan: { product: 'CRM', timeframe: '2027-Q1' } })).status).toBe(201);
  // Wang registers Li's company under another spelling: a collision, which he appeals.
  const taken = await register(users.wang, '星雲數據（深圳）有限責任公司');
  expect(taken.status).toBe(409);
  const appeal = await t.http.post('/api/appeals').set('authorization', users.wang.auth).send({ collisionId: taken.body.error.collisionId, reason: 'a different company' });
  expect(appeal.status).toBe(201);
  const accounts = t.store.collection('creditAccounts');
  const account = (id: string, team: string, tier: string, limit: number, exposure: number) =>
    accounts.insertOne({ _id: id, customerName: id, industry: 'software', team, tier, limit, requestedLimit: limit, assessmentId: 'a', assessedAt: '2026-11-01', nextReviewDate: '2027-11-01', flagDaysPastDue: null, flagUtilisation: null, exposure, daysPastDue: 0, receivablesAsOf: null, flags: [], updatedAt: '2026-11-01' });
  await account('acc-1', south, 'low', 500_000, 120_000);
  await account('acc-2', south, 'medium', 200_000, 150_000);
  await account('acc-3', east, 'medium', 100_000, 10_000);
});
afterAll(async () => {
  await t.store.close();
});

const dashboard = (auth: string) => t.http.get('/api/dashboard').set('authorization', auth);

describe('the dashboard', () => {
  it('counts every customer for an admin: by grade, province, industry and owner, with the load spread', async () => {
    const { status, body } = await dashboard(t.admin);
    expect(status).toBe(200);
    expect(body.customers.total).toBe(4);
    expect(body.customers.byGrade).toEqual([expect.objectContaining({ key: 'A', count: 1 }), expect.objectContaining({ key: 'B', count: 1 }), expect.objectContaining({ key: 'C', count: 2 })]);
    expect(body.customers.byProvince).toEqual([{ key: '44', label: '广东省', count: 3 }, { key: '31', label: '上海市', count: 1 }]);
    expect(body.customers.byCity).toEqual([{ key: '4403', label: '深圳市', count: 2 }, { key: '3101', label: '上海市', count: 1 }, { key: '4401', label: '广州市', count: 1 }]);
    expect(body.customers.byIndustry).toEqual([{ key: 'software', label: 'software', count: 4 }]);
    expect(body.load.reps).toEqual([{ key: users.li.id, label: '李娜', count: 2 }, ...[{ key: users.wang.id, label: '王强', count: 1 }, { key: users.zhao.id, label: '赵磊', count: 1 }].sort((a, b) => a.key.localeCompare(b.key))]);
    expect(body.load).toMatchObject({ max: 2, min: 1, spread: 2 });
  });

  it('charts collisions and appeals per day, zeros included, and credit exposure per tier', async () => {
    const { body } = await dashboard(t.admin);
    expect(body.overTime).toHaveLength(30);
    expect(body.overTime.at(-1)).toEqual({ day: '2026-11-23', collisions: 1, appeals: 1 });
    expect(body.overTime.slice(0, -1).every((day: { collisions: number; appeals: number }) => day.collisions === 0 && day.appeals === 0)).toBe(true);
    expect(body.exposureByTier).toEqual([
      { tier: 'low', accounts: 1, limit: 500_000, exposure: 120_000 },
      { tier: 'medium', accounts: 2, limit: 300_000, exposure: 160_000 },
    ]);
  });

  it('lists the claims whose protection ends within a week, soonest first', async () => {
    expect((await dashboard(t.admin)).body.expiringThisWeek.count).toBe(0);
    const ends = (await t.services.claims.claims.find({ status: 'active' }, { sort: { expiresAt: 1 } })).map((claim) => claim.expiresAt);
    t.clock.now = new Date(Date.parse(ends[0]!) - 3 * 86_400_000);
    const weekEnd = t.clock.now.getTime() + 7 * 86_400_000;
    const expected = ends.filter((end) => Date.parse(end) < weekEnd);
    // Grade A is protected longer than B and C: not every claim ends this week.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(ends.length);
    try {
      const { body } = await dashboard(await t.login('admin', 'admin-password-for-tests'));
      expect(body.expiringThisWeek.count).toBe(expected.length);
      expect(body.expiringThisWeek.claims.map((claim: { expiresAt: string }) => claim.expiresAt)).toEqual(expected);
    } finally {
      t.clock.now = new Date('2026-11-23T08:00:00.000Z');
    }
  });

  it('shows a manager only their teams, finance everything, and a rep nothing', async () => {
    const { body } = await dashboard(users.boss.auth);
    expect(body.customers.total).toBe(3);
    expect(body.customers.byProvince).toEqual([{ key: '44', label: '广东省', count: 3 }]);
    expect(body.load.reps.map((rep: { label: string }) => rep.label).sort()).toEqual(['李娜', '赵磊']);
    expect(body.exposureByTier).toEqual([
      { tier: 'low', accounts: 1, limit: 500_000, exposure: 120_000 },
      { tier: 'medium', accounts: 1, limit: 200_000, exposure: 150_000 },
    ]);
    expect(body.overTime.at(-1)).toMatchObject({ collisions: 1, appeals: 1 });
    expect((await dashboard(users.finance.auth)).body.customers.total).toBe(4);
    const rep = await dashboard(users.li.auth);
    expect(rep.status).toBe(403);
    expect(rep.body.error.code).toBe('forbidden');
  });
});
