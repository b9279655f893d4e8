import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// A registrar key (a platform plugin's) registers for a named active rep and decides policies, nothing else.
let t: TestApp;
let team: string;
let registrar: string;
beforeEach(async () => {
  t = await createTestApp();
  team = await t.team('华南一组');
  await t.user('li.lei', 'rep', [team], '李雷');
  await t.user('han.mei', 'rep', [team], '韩梅');
  const created = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'NocoBase', role: 'rep', registrar: true });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  registrar = created.body.key as string;
});
afterEach(async () => {
  await t.store.close();
});

const CREDIT_FACTS = { creditScore: 800, yearsInBusiness: 8, annualRevenue: 20000000, worstDaysPastDue12m: 0, sectorRiskIndex: 25, requestedLimit: 2000000 };

describe('a registrar key', () => {
  it('registers for the named rep: the claim is the rep’s and the audit entry names the key', async () => {
    const granted = await t.http.post('/api/registrations/on-behalf').set('x-api-key', registrar).send({ rep: 'li.lei', ...softwareCustomer('深圳市腾飞科技有限公司') });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    expect(granted.body.claim).toMatchObject({ repName: '李雷', team });
    const entry = await t.services.audit.entries.findOne({ 'actor.username': 'li.lei' });
    expect(entry?.actor).toMatchObject({ username: 'li.lei', kind: 'user', via: { keyName: 'NocoBase' } });

    const duplicate = await t.http.post('/api/registrations/on-behalf').set('x-api-key', registrar).set('accept-language', 'zh-CN').send({ rep: 'han.mei', ...softwareCustomer('深圳市腾飞科技有限公司') });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'duplicate', holder: { name: '李雷', mine: false } });
  });

  it('is refused for an unknown rep, a disabled rep and a user who is not a rep, on /rep', async () => {
    const manager = await t.user('zhang.san', 'manager', [team]);
    const disabled = await t.user('old.rep', 'rep', [team]);
    expect((await t.http.post(`/api/users/${disabled.id}/disable`).set('authorization', t.admin)).status).toBe(200);
    for (const rep of ['nobody', 'old.rep', 'zhang.san', 'admin']) {
      const refused = await t.http.post('/api/registrations/on-behalf').set('x-api-key', registrar).send({ rep, ...softwareCustomer(`${rep} 有限公司`) });
      expect(refused.status, rep).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'invalid', details: [{ path: '/rep' }] });
    }
    expect(manager.id).toBeTruthy();
    expect(await t.services.claims.claims.countDocuments({})).toBe(0);
  });

  it('answers bad fields with their path and the caller’s language', async () => {
    const missing = await t.http.post('/api/registrations/on-behalf').set('x-api-key', registrar).send({ industry: 'software', customer: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/rep' })]));
    const zh = await t.http.post('/api/registrations/on-behalf').set('x-api-key', registrar).set('accept-language', 'zh-CN').send({ rep: 'nobody', ...softwareCustomer('某公司') });
    expect(zh.body.error.message).toContain('业务员');
  });

  it('calls no other route, and other callers cannot act for a rep', async () => {
    expect((await t.http.post('/api/registrations').set('x-api-key', registrar).send(softwareCustomer('某某科技有限公司'))).status).toBe(403);
    expect((await t.http.get('/api/claims').set('x-api-key', registrar)).status).toBe(403);
    expect((await t.http.get('/api/me').set('x-api-key', registrar)).status).toBe(403);
    const repKey = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'plain rep key', role: 'rep', teams: [team] });
    const asOther = await t.http.post('/api/registrations/on-behalf').set('x-api-key', repKey.body.key as string).send({ rep: 'li.lei', ...softwareCustomer('某某科技有限公司') });
    expect(asOther.status).toBe(403);
    const rep = await t.login('li.lei', 'li.lei-password');
    expect((await t.http.post('/api/registrations/on-behalf').set('authorization', rep).send({ rep: 'han.mei', ...softwareCustomer('某某科技有限公司') })).status).toBe(403);
    expect(await t.services.claims.claims.countDocuments({})).toBe(0);
  });

  it('never becomes another kind of key: the rep role only, and it stays a registrar', async () => {
    const asAdmin = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'k', role: 'admin', registrar: true });
    expect(asAdmin.status).toBe(422);
    expect(asAdmin.body.error.details).toEqual([{ path: '/role', message: expect.any(String) }]);
    const [record] = (await t.http.get('/api/api-keys').set('authorization', t.admin)).body.keys as Array<{ _id: string }>;
    const widened = await t.http.put(`/api/api-keys/${record!._id}`).set('authorization', t.admin).send({ name: 'NocoBase', role: 'admin' });
    expect(widened.status).toBe(422);
    expect(widened.body.error.details).toEqual([{ path: '/registrar', message: expect.any(String) }]);
    expect((await t.http.get('/api/api-keys').set('x-api-key', registrar)).status).toBe(403);
  });
});

describe('POST /api/policies/:policy/decide', () => {
  it('decides with the published version and records the decision with the calling key', async () => {
    const decided = await t.http.post('/api/policies/credit-risk/decide').set('x-api-key', registrar).set('accept-language', 'en').send({ facts: CREDIT_FACTS });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.decision.outcome).toMatchObject({ type: 'assess', params: { tier: 'low' } });
    expect(decided.body.words).toEqual(expect.any(String));
    const recorded = await t.services.decisionLog.decisions.findOne({ _id: decided.body.decision.decisionId as string });
    expect(recorded).toMatchObject({ policy: 'credit-risk', facts: CREDIT_FACTS, caller: { kind: 'api-key', name: 'NocoBase' } });
  });

  it('refuses bad facts with their path, an unknown policy, and callers without a key', async () => {
    const bad = await t.http.post('/api/policies/credit-risk/decide').set('x-api-key', registrar).send({ facts: { ...CREDIT_FACTS, creditScore: 'high' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/facts/creditScore' })]));
    expect((await t.http.post('/api/policies/credit-risk/decide').set('x-api-key', registrar).send({})).status).toBe(422);
    expect((await t.http.post('/api/policies/no-such/decide').set('x-api-key', registrar).send({ facts: {} })).status).toBe(404);
    expect((await t.http.post('/api/policies/credit-risk/decide').set('authorization', t.admin).send({ facts: CREDIT_FACTS })).status).toBe(403);
    expect((await t.http.post('/api/policies/credit-risk/decide').send({ facts: CREDIT_FACTS })).status).toBe(401);
    expect(await t.services.decisionLog.decisions.countDocuments({ caller: { $exists: true } })).toBe(0);
  });
});

describe('GET /api/policies/:policy/published', () => {
  it('gives a key the published rule file and its version, to decide in its own process', async () => {
    const published = await t.http.get('/api/policies/credit-risk/published').set('x-api-key', registrar);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const head = await t.services.policyVersions.published('credit-risk');
    expect(published.body).toEqual({ versionId: head._id, version: head.version, file: head.file });
  });

  it('refuses an unknown policy and callers without a key', async () => {
    expect((await t.http.get('/api/policies/no-such/published').set('x-api-key', registrar)).status).toBe(404);
    expect((await t.http.get('/api/policies/credit-risk/published').set('authorization', t.admin)).status).toBe(403);
    expect((await t.http.get('/api/policies/credit-risk/published')).status).toBe(401);
  });
});
