import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

let t: TestApp;
let south: string;
let east: string;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };
let southBoss: { id: string; auth: string };
let eastBoss: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  south = await t.team('South Enterprise');
  east = await t.team('East Enterprise');
  [li, wang, southBoss, eastBoss] = await Promise.all([
    t.user('li.na', 'rep', [south], '李娜'),
    t.user('wang.qiang', 'rep', [east], '王强'),
    t.user('south.boss', 'manager', [south]),
    t.user('east.boss', 'manager', [east]),
  ]);
});
afterEach(async () => {
  await t.store.close();
});

const register = (auth: string, body: unknown) => t.http.post('/api/registrations').set('authorization', auth).send(body as object);

describe('the public pool', () => {
  it('receives expired claims, once, and lets another rep claim from it', async () => {
    const granted = await register(li.auth, softwareCustomer('过期测试公司'));
    expect((await t.http.get('/api/pool').set('authorization', wang.auth)).body.customers).toEqual([]);
    t.clock.now = new Date('2026-12-23T08:00:00.001Z');
    const admin = await t.login('admin', 'admin-password-for-tests');
    const [first, second] = await Promise.all([
      t.http.post('/api/jobs/expire-claims').set('authorization', admin),
      t.http.post('/api/jobs/expire-claims').set('authorization', admin),
    ]);
    expect(first.body.expired + second.body.expired).toBe(1);
    const pool = await t.http.get('/api/pool').set('authorization', await t.login('wang.qiang', 'wang.qiang-password'));
    expect(pool.body.customers).toEqual([{ customerId: granted.body.claim.customerId, name: '过期测试公司', industry: 'software', region: '440305', grade: 'C', returnReason: 'expired', returnedAt: '2026-12-23T08:00:00.001Z' }]);
    expect(pool.body.total).toBe(1);
    const wangAuth = await t.login('wang.qiang', 'wang.qiang-password');
    const claimed = await t.http.post(`/api/pool/${granted.body.claim.customerId}/claim`).set('authorization', wangAuth);
    expect(claimed.status).toBe(201);
    expect(claimed.body.claim).toMatchObject({ repId: wang.id, status: 'active' });
    const again = await t.http.post(`/api/pool/${granted.body.claim.customerId}/claim`).set('authorization', await t.login('li.na', 'li.na-password'));
    expect(again.status).toBe(409);
    expect((await t.http.post('/api/pool/nope/claim').set('authorization', wangAuth)).status).toBe(404);
  });

  it('is searched by name, filtered by grade, industry and why each customer came back, ordered (by when it came back too) and paged', async () => {
    const names = ['北辰软件有限公司', '星河网络科技有限公司', '远航信息技术有限公司', '青松数据服务有限公司'];
    const claims = [];
    for (const [i, name] of names.entries()) {
      const extra = i % 2 === 0 ? { phone: `+86 139-0000-000${i}` } : { phone: `+86 139-0000-000${i}`, grade: 'B', purchasePlan: { timeframe: '2027-Q1' } };
      const granted = await register(li.auth, softwareCustomer(name, extra));
      expect(granted.status, JSON.stringify(granted.body)).toBe(201);
      claims.push(granted.body.claim);
    }
    for (const claim of claims.slice(0, 3)) expect((await t.http.post(`/api/claims/${claim._id}/release`).set('authorization', li.auth).send({})).status).toBe(200);
    const list = async (query: string) => (await t.http.get(`/api/pool${query}`).set('authorization', wang.auth)).body;

    const all = await list('?sort=name');
    expect(all.total).toBe(3);
    expect(all.customers.map((c: { name: string }) => c.name)).toEqual(names.slice(0, 3).sort());
    expect(all.customers.every((c: { returnReason: string; returnedAt: string }) => c.returnReason === 'released' && c.returnedAt === t.clock.now.toISOString())).toBe(true);
    expect((await list('?sort=-name')).customers.map((c: { name: string }) => c.name)).toEqual(names.slice(0, 3).sort().reverse());
    expect((await list('?q=星河')).customers.map((c: { name: string }) => c.name)).toEqual(['星河网络科技有限公司']);
    // A search is text, never a pattern.
    expect((await list('?q=.*')).total).toBe(0);
    expect((await list('?grade=B')).customers.map((c: { name: string }) => c.name)).toEqual(['星河网络科技有限公司']);
    expect((await list('?industry=software')).total).toBe(3);
    expect((await list('?industry=trade')).total).toBe(0);
    const page = await list('?sort=name&limit=2&skip=2');
    expect(page).toMatchObject({ total: 3, customers: [{ name: names.slice(0, 3).sort()[2] }] });

    // Why and when it came back, as filter and order: the fourth lapses later, and a customer nobody ever held comes last.
    t.clock.now = new Date(Date.parse(claims[3].expiresAt) + 1000);
    const admin = await t.login('admin', 'admin-password-for-tests');
    expect((await t.http.post('/api/jobs/expire-claims').set('authorization', admin)).body.expired).toBe(1);
    await t.services.claims.customers.insertOne({ ...(await t.services.claims.customers.findOne({ _id: claims[0].customerId }))!, _id: 'never-held', name: '从未领取有限公司', nameKey: 'never-held', dedupKeys: [], createdAt: '2026-01-01T00:00:00.000Z' });
    const auth = await t.login('wang.qiang', 'wang.qiang-password');
    const listNow = async (query: string) => (await t.http.get(`/api/pool${query}`).set('authorization', auth)).body;
    expect((await listNow('?reason=expired')).customers.map((c: { name: string }) => c.name)).toEqual(['青松数据服务有限公司']);
    expect((await listNow('?reason=released')).total).toBe(3);
    expect((await listNow('?reason=new')).customers).toEqual([expect.objectContaining({ name: '从未领取有限公司', returnReason: null, returnedAt: null })]);
    const latestFirst = await listNow('?sort=-returnedAt&limit=2');
    expect(latestFirst.total).toBe(5);
    expect(latestFirst.customers.map((c: { name: string }) => c.name)).toEqual(['青松数据服务有限公司', expect.any(String)]);
    expect((await listNow('?sort=returnedAt')).customers.at(-1).name).toBe('从未领取有限公司');
    expect((await listNow('?reason=released&sort=name&limit=1&skip=1')).customers.map((c: { name: string }) => c.name)).toEqual([names.slice(0, 3).sort()[1]]);
  });

  it('refuses an unknown order or an overlong search with 400 naming the parameter', async () => {
    const badSort = await t.http.get('/api/pool?sort=priority').set('authorization', wang.auth);
    expect(badSort.status).toBe(400);
    expect(badSort.body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.sort' }] });
    const badReason = await t.http.get('/api/pool?reason=stolen').set('authorization', wang.auth);
    expect(badReason.status).toBe(400);
    expect(badReason.body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.reason' }] });
    const long = await t.http.get(`/api/pool?q=${'x'.repeat(101)}`).set('authorization', wang.auth);
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.q' }] });
  });

  it('applies the rep’s caps when claiming from the pool', async () => {
    const granted = await register(li.auth, softwareCustomer('上限测试公司'));
    await t.http.post(`/api/claims/${granted.body.claim._id}/release`).set('authorization', li.auth).send({});
    const customers = t.services.claims.claims;
    for (let i = 0; i < 50; i += 1) {
      await customers.insertOne({ _id: `held${i}`, customerId: `c${i}`, customerName: 'x', repId: wang.id, repName: '王强', team: east, teamName: 'East Enterprise', grade: 'C', status: 'active', protectionDays: 30, grantedAt: '2026-11-01', expiresAt: '2027-01-01', followUps: [], policyVersion: '1.0.0', templateVersion: 1, source: 'registration', holding: true });
    }
    const refused = await t.http.post(`/api/pool/${granted.body.claim.customerId}/claim`).set('authorization', wang.auth);
    expect(refused.status).toBe(403);
    expect(refused.body.error.reasons[0].reason).toBe('claim-cap-reached');
  });
});

describe('appeals', () => {
  async function collide() {
    await register(li.auth, softwareCustomer('申诉测试科技有限公司'));
    const duplicate = await register(wang.auth, softwareCustomer('申诉测试科技（有限公司）', { phone: '021 5555 6666' }));
    expect(duplicate.status).toBe(409);
    return duplicate.body.error.collisionId as string;
  }

  it('are filed by the registrant only, once per verdict', async () => {
    const collisionId = await collide();
    expect((await t.http.post('/api/appeals').set('authorization', li.auth).send({ collisionId, reason: 'mine' })).status).toBe(404);
    const filed = await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId, reason: '我先接触的客户' });
    expect(filed.status).toBe(201);
    expect((await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId, reason: 'again' })).status).toBe(409);
    for (const auth of [li.auth, wang.auth, southBoss.auth, eastBoss.auth]) {
      expect((await t.http.get('/api/appeals').set('authorization', auth)).body.appeals).toHaveLength(1);
    }
    // A list is read without opening each appeal: the customer, who holds it, and how alike the two registrations are.
    const [listed] = (await t.http.get('/api/appeals').set('authorization', southBoss.auth)).body.appeals;
    expect(listed).toMatchObject({ customerName: '申诉测试科技有限公司', holderName: '李娜', holderTeamName: 'South Enterprise', appellantName: '王强', status: 'open', score: expect.any(Number) });
    expect(listed.score).toBeGreaterThan(0.5);
  });

  it('show both registrations side by side to the holder’s manager only', async () => {
    const collisionId = await collide();
    const appeal = (await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId, reason: '我先接触的客户' })).body;
    const review = await t.http.get(`/api/appeals/${appeal._id}/review`).set('authorization', southBoss.auth);
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ held: { customerName: '申诉测试科技有限公司', fields: { companyName: '申诉测试科技有限公司' } }, submitted: { industry: 'software', fields: { companyName: '申诉测试科技（有限公司）', phone: '021 5555 6666' } } });
    expect(review.body.matches[0].reasons.length).toBeGreaterThan(0);
    expect(review.body.held).toMatchObject({ industry: 'software', grantedAt: expect.any(String), expiresAt: expect.any(String) });
    expect(review.body.submitted.at).toEqual(expect.any(String));
    // The appellant (a rep) and another team's manager never see the held customer's details.
    expect((await t.http.get(`/api/appeals/${appeal._id}/review`).set('authorization', wang.auth)).status).toBe(403);
    expect((await t.http.get(`/api/appeals/${appeal._id}/review`).set('authorization', eastBoss.auth)).status).toBe(403);
  });

  it('are decided by the holder’s manager: grant moves the customer to the appellant', async () => {
    const collisionId = await collide();
    const appeal = (await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId, reason: '我先接触的客户' })).body;
    expect((await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', eastBoss.auth).send({ verdict: 'grant', comment: 'x' })).status).toBe(403);
    expect((await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', wang.auth).send({ verdict: 'grant', comment: 'x' })).status).toBe(403);
    const decided = await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', southBoss.auth).send({ verdict: 'grant', comment: '王强有拜访记录' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', verdict: 'grant', grantedClaimId: expect.any(String) });
    const wangClaims = (await t.http.get('/api/claims').set('authorization', wang.auth)).body.claims;
    // Each claim carries its customer's industry and region, for the list's filters.
    expect(wangClaims).toEqual([expect.objectContaining({ customerName: '申诉测试科技有限公司', status: 'active', industry: 'software', region: '440305' })]);
    expect((await t.http.get('/api/claims?status=transferred').set('authorization', li.auth)).body.claims).toHaveLength(1);
    expect((await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', southBoss.auth).send({ verdict: 'uphold', comment: 'again' })).status).toBe(409);
    const seen = (await t.http.get('/api/appeals').set('authorization', li.auth)).body.appeals[0];
    expect(seen.verdict).toBe('grant');
  });

  // Regression: granting a customer someone else took meanwhile recorded the verdict and transferred nothing.
  it('granting a customer someone else holds now answers 409 and decides nothing: the appeal stays open', async () => {
    const collisionId = await collide();
    const appeal = (await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId, reason: '我先接触的客户' })).body;
    const held = (await t.http.get('/api/claims').set('authorization', li.auth)).body.claims[0];
    expect((await t.http.post(`/api/claims/${held._id}/release`).set('authorization', li.auth).send({})).status).toBe(200);
    const zhao = await t.user('zhao.lei', 'rep', [east], '赵磊');
    expect((await t.http.post(`/api/pool/${held.customerId}/claim`).set('authorization', zhao.auth)).status).toBe(201);
    const decided = await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', southBoss.auth).send({ verdict: 'grant', comment: '王强有拜访记录' });
    expect(decided.status).toBe(409);
    expect(decided.body.error.code).toBe('conflict');
    expect(await t.services.appeals.appeals.findOne({ _id: appeal._id })).toMatchObject({ status: 'open' });
    expect((await t.services.claims.holderOf(held.customerId))?.repId).toBe(zhao.id);
    expect(await t.services.audit.entries.countDocuments({ action: 'appeal.decided' })).toBe(0);
    // Still open: it can be decided otherwise.
    expect((await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', southBoss.auth).send({ verdict: 'uphold', comment: '已被他人领取' })).status).toBe(200);
  });

  it('ruled different companies give the appellant their own customer', async () => {
    const collisionId = await collide();
    const appeal = (await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId, reason: '上海的公司，不是同一家' })).body;
    const decided = await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', t.admin).send({ verdict: 'different-companies', comment: 'different regions' });
    expect(decided.status).toBe(200);
    expect((await t.http.get('/api/claims').set('authorization', li.auth)).body.claims[0].status).toBe('active');
    expect((await t.http.get('/api/claims').set('authorization', wang.auth)).body.claims).toEqual([expect.objectContaining({ customerName: '申诉测试科技（有限公司）', status: 'active' })]);
  });

  it('upheld change nothing', async () => {
    const collisionId = await collide();
    const appeal = (await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId, reason: 'please' })).body;
    const decided = await t.http.post(`/api/appeals/${appeal._id}/decision`).set('authorization', southBoss.auth).send({ verdict: 'uphold', comment: 'same company' });
    expect(decided.body.verdict).toBe('uphold');
    expect((await t.http.get('/api/claims').set('authorization', wang.auth)).body.claims).toEqual([]);
  });

  it('are never decided by their appellant, even a manager of the holder’s team', async () => {
    await register(li.auth, softwareCustomer('申诉测试科技有限公司'));
    const duplicate = await register(southBoss.auth, softwareCustomer('申诉测试科技（有限公司）', { phone: '021 5555 6666' }));
    expect(duplicate.status).toBe(409);
    const appeal = await t.http.post('/api/appeals').set('authorization', southBoss.auth).send({ collisionId: duplicate.body.error.collisionId, reason: '我先联系的' });
    expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
    const own = await t.http.post(`/api/appeals/${appeal.body._id}/decision`).set('authorization', southBoss.auth).send({ verdict: 'grant', comment: 'mine' });
    expect(own.status).toBe(403);
    expect((await t.services.appeals.appeals.findOne({ _id: appeal.body._id }))?.status).toBe('open');
    expect((await t.services.claims.holderOf((await t.services.appeals.appeals.findOne({ _id: appeal.body._id }))!.customerId))?.repId).toBe(li.id);
    const byAdmin = await t.http.post(`/api/appeals/${appeal.body._id}/decision`).set('authorization', t.admin).send({ verdict: 'uphold', comment: 'same company' });
    expect(byAdmin.status).toBe(200);
  });
});
