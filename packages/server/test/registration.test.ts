import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@crm-policy/engine';
import type { RuleFile } from '@crm-policy/engine';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

const validCreditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);

let t: TestApp;
let south: string;
let east: string;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };
let zhao: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  south = await t.team('South Enterprise');
  east = await t.team('East Enterprise');
  [li, wang, zhao] = await Promise.all([t.user('li.na', 'rep', [south], '李娜'), t.user('wang.qiang', 'rep', [east], '王强'), t.user('zhao.lei', 'rep', [south], '赵磊')]);
});
afterEach(async () => {
  await t.store.close();
});

const register = (auth: string, body: unknown, language = 'en') =>
  t.http.post('/api/registrations').set('authorization', auth).set('accept-language', language).send(body as object);

describe('POST /api/registrations', () => {
  it('grants a claim with the protection period of the grade', async () => {
    const response = await register(li.auth, softwareCustomer('深圳市腾飞科技有限公司', { grade: 'B', purchasePlan: { timeframe: '2027-Q1' } }));
    expect(response.status).toBe(201);
    expect(response.body.claim).toMatchObject({ status: 'active', repId: li.id, teamName: 'South Enterprise', protectionDays: 60, expiresAt: '2027-01-22T08:00:00.000Z', templateVersion: 1, policyVersion: '1.1.0' });
    expect(response.body.decision.fired).toEqual(['protect-grade-b']);
    expect(response.body.decision.decisionId).toEqual(expect.any(String));
    // A grant's answer stays small: the explanation is asked for, or read from the audit trail.
    expect(response.body.decision).not.toHaveProperty('explanation');
  });

  it('explains a grant when asked (?explain=true), rule by rule, and refuses any other value of explain', async () => {
    const explained = await t.http.post('/api/registrations?explain=true').set('authorization', li.auth).send(softwareCustomer('深圳市青禾数据有限公司'));
    expect(explained.status).toBe(201);
    const rules = explained.body.decision.explanation.rules as Array<{ name: string; result: boolean }>;
    expect(rules.filter((rule) => rule.result).map((rule) => rule.name)).toEqual(explained.body.decision.fired);
    expect(rules.length).toBeGreaterThan(explained.body.decision.fired.length);
    const bad = await t.http.post('/api/registrations?explain=yes').set('authorization', li.auth).send(softwareCustomer('深圳市青禾云数据有限公司'));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.explain' }] });
    expect(await t.services.claims.customers.findOne({ name: '深圳市青禾云数据有限公司' })).toBeNull();
  });

  it('answers 409 for the same company under another spelling, naming the holder but not the customer', async () => {
    await register(li.auth, softwareCustomer('深圳市腾飞科技有限公司'));
    const variants = [
      softwareCustomer('腾飞科技（深圳）有限公司', { phone: '0755 8888 0000' }),
      softwareCustomer('深圳騰飛科技有限責任公司', { phone: '0755 8888 0001' }),
      softwareCustomer('深圳市 腾飞 科技', { phone: '0755 8888 0002' }),
    ];
    for (const variant of variants) {
      const response = await register(wang.auth, variant);
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: 'duplicate', holder: { name: '李娜', team: 'South Enterprise', expiresAt: '2026-12-23T08:00:00.000Z', mine: false } });
      expect(response.body.error.matches[0].reasons[0]).toMatch(/^name 1\.00: 字号 equal, region equal/);
      expect(response.body.error.collisionId).toEqual(expect.any(String));
      expect(JSON.stringify(response.body)).not.toContain('张总');
    }
    expect(await t.services.claims.collisions.countDocuments({ registrantId: wang.id })).toBe(3);
  });

  it('accepts a look-alike below the duplicate threshold, flagged for a manager’s review', async () => {
    await register(li.auth, softwareCustomer('深圳市星云科技有限公司'));
    const sister = await register(wang.auth, softwareCustomer('深圳市星云贸易有限公司', { phone: '0755 1234 5678' }));
    expect(sister.status).toBe(201);
    expect(sister.body.flaggedForReview).toEqual([{ score: 0.8, reasons: [expect.stringContaining('industry words differ')] }]);
    expect(sister.body.claim.review.matches[0]).toMatchObject({ customerName: '深圳市星云科技有限公司', score: 0.8 });
    const samePhone = await register(wang.auth, softwareCustomer('Another Name Ltd.', { phone: '13800138000' }));
    expect(samePhone.status).toBe(201);
    expect(samePhone.body.flaggedForReview[0].reasons).toContain('same phone');
    const elsewhere = await register(wang.auth, softwareCustomer('北京星云科技有限公司', { region: '110108', phone: '010 1234 5678' }));
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.flaggedForReview).toBeUndefined();
  });

  it('reports a branch of a held company as related, not as a duplicate', async () => {
    await register(li.auth, softwareCustomer('深圳市腾飞科技有限公司'));
    const branch = await register(wang.auth, softwareCustomer('腾飞科技有限公司北京分公司', { region: '110108', phone: '010 8888 0000' }));
    expect(branch.status).toBe(201);
    expect(branch.body.related).toEqual([{ score: expect.any(Number), reasons: expect.arrayContaining(['branch of the same company']) }]);
  });

  it('matches on the credit code, whatever the name', async () => {
    const code = validCreditCode('91440300MA5F0ABC1');
    await register(li.auth, softwareCustomer('腾飞', { creditCode: code }));
    const response = await register(wang.auth, softwareCustomer('完全不同的名字', { creditCode: code.toLowerCase(), phone: '020 1234 5678' }));
    expect(response.status).toBe(409);
    expect(response.body.error.matches[0].reasons[0]).toBe('same credit code');
  });

  it('tells a rep they already hold the customer', async () => {
    await register(li.auth, softwareCustomer('腾飞科技'));
    const again = await register(li.auth, softwareCustomer('腾飞科技'));
    expect(again.status).toBe(409);
    expect(again.body.error.holder.mine).toBe(true);
  });

  it('answers 403 with every reason when the policy says no', async () => {
    const response = await register(li.auth, softwareCustomer('北京数据科技有限公司', { grade: 'A', intent: ' ' }), 'zh-CN');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('not-eligible');
    expect(response.body.error.reasons).toEqual([{ reason: 'missing-buying-intent', message: 'A 级客户需填写购买意向', path: '/customer/intent' }]);
    expect(response.body.error.decision.explanation.rules.length).toBeGreaterThan(0);
    expect(await t.services.claims.customers.countDocuments({})).toBe(0);
  });

  it('answers 422 with every bad field, its path and a message in the caller’s language', async () => {
    const response = await register(li.auth, { industry: 'software', customer: { companyName: 'x', region: '4403', phone: 'call me', grade: 'E', creditCode: '91440300MA5F0ABC1X' } }, 'zh-CN');
    expect(response.status).toBe(422);
    const byPath = Object.fromEntries((response.body.error.details as Array<{ path: string; message: string }>).map((d) => [d.path, d.message]));
    expect(Object.keys(byPath).sort()).toEqual(['/customer/companyName', '/customer/contactName', '/customer/creditCode', '/customer/deployment', '/customer/grade', '/customer/phone', '/customer/region'].sort());
    expect(byPath['/customer/creditCode']).toBe('不是有效的统一社会信用代码（18 位，末位为校验码）');
    const english = await register(li.auth, { industry: 'software', customer: { ...softwareCustomer('X Co').customer, creditCode: 'nope' } });
    expect(english.body.error.details).toEqual([expect.objectContaining({ path: '/customer/creditCode', message: 'is not a valid unified social credit code (18 characters, the last a check character)' })]);
    const unknownIndustry = await register(li.auth, { industry: 'mining', customer: {} });
    expect(unknownIndustry.status).toBe(422);
    expect(unknownIndustry.body.error.details[0].path).toBe('/industry');
  });
});

describe('claims', () => {
  it('are listed by scope: a rep their own, a manager their teams’, an admin all', async () => {
    await register(li.auth, softwareCustomer('一号公司'));
    await register(zhao.auth, softwareCustomer('二号公司', { phone: '0755 1111 2222' }));
    await register(wang.auth, softwareCustomer('三号公司', { phone: '021 1111 2222' }));
    const southManager = await t.user('south.boss', 'manager', [south]);
    const names = async (auth: string) => ((await t.http.get('/api/claims').set('authorization', auth)).body.claims as Array<{ customerName: string }>).map((c) => c.customerName).sort();
    expect(await names(li.auth)).toEqual(['一号公司']);
    expect(await names(southManager.auth)).toEqual(['一号公司', '二号公司']);
    expect(await names(t.admin)).toEqual(['一号公司', '三号公司', '二号公司']);
    expect((await t.http.get('/api/claims?status=bogus').set('authorization', li.auth)).status).toBe(400);
  });

  it('can be released by their holder only, after which another rep may claim the customer', async () => {
    const granted = await register(li.auth, softwareCustomer('释放测试公司'));
    const claimId = granted.body.claim._id as string;
    expect((await t.http.post(`/api/claims/${claimId}/release`).set('authorization', wang.auth).send({})).status).toBe(404);
    const released = await t.http.post(`/api/claims/${claimId}/release`).set('authorization', li.auth).send({ reason: 'not a fit' });
    expect(released.status).toBe(200);
    expect(released.body.claim).toMatchObject({ status: 'released', endedAt: '2026-11-23T08:00:00.000Z' });
    expect((await t.http.post(`/api/claims/${claimId}/release`).set('authorization', li.auth).send({})).status).toBe(409);
    const taken = await register(wang.auth, softwareCustomer('释放测试公司'));
    expect(taken.status).toBe(201);
    expect(taken.body.claim.customerId).toBe(granted.body.claim.customerId);
  });

  it('get their protection renewed by a follow-up', async () => {
    const granted = await register(li.auth, softwareCustomer('跟进测试公司'));
    t.clock.now = new Date('2026-12-13T08:00:00.000Z');
    const auth = await t.login('li.na', 'li.na-password');
    const followed = await t.http.post(`/api/claims/${granted.body.claim._id}/follow-ups`).set('authorization', auth).send({ note: '拜访了张总' });
    expect(followed.status).toBe(201);
    expect(followed.body.claim.expiresAt).toBe('2027-01-12T08:00:00.000Z');
    expect(followed.body.claim.followUps).toEqual([{ at: '2026-12-13T08:00:00.000Z', by: li.id, note: '拜访了张总' }]);
  });

  it('leave an audit trail with the rule and template versions', async () => {
    await register(li.auth, softwareCustomer('审计测试公司'));
    const audit = await t.http.get('/api/audit').set('authorization', t.admin);
    const created = (audit.body.entries as Array<{ action: string; data: Record<string, unknown> }>).find((e) => e.action === 'claim.created');
    expect(created?.data).toMatchObject({ policy: 'claim-eligibility', policyVersion: '1.1.0', templateVersion: 1, industry: 'software' });
    expect((await t.http.get('/api/audit').set('authorization', li.auth)).status).toBe(403);
  });
});

// Regression: a published `^(a|a)+$` (which the nested-quantifier check let through) held the whole server for
// 10.6 s on one registration whose intent was 30 × "a" + "!". No timing is asserted: the registration runs, and a
// backtracking engine makes the test exceed its timeout.
describe('a published matchesPattern', () => {
  it('decides a rep’s adversarial intent, and still matches what it should', { timeout: 10_000 }, async () => {
    const file = JSON.parse(readFileSync(fileURLToPath(new URL('../../../rules/claim-eligibility.json', import.meta.url)), 'utf8')) as RuleFile;
    file.version = '1.2.0';
    file.rules.push({
      name: 'intent-only-a',
      priority: 80,
      conditions: { all: [{ fact: 'customer', path: '$.buyingIntent', operator: 'matchesPattern', value: '^(a|a)+$' }] },
      event: { type: 'deny', params: { reason: 'missing-buying-intent' } },
    });
    const draft = await t.http.put('/api/policies/claim-eligibility/draft').set('authorization', t.admin).send({ file, comment: 'an intent of only a is none' });
    expect(draft.status, JSON.stringify(draft.body).slice(0, 400)).toBe(200);
    expect((await t.http.post('/api/policies/claim-eligibility/publish').set('authorization', t.admin).send({ comment: 'go live' })).status).toBe(200);

    const granted = await register(li.auth, softwareCustomer('深圳市腾飞科技有限公司', { intent: 'a'.repeat(30) + '!' }));
    expect(granted.status).toBe(201);
    expect(granted.body.claim.policyVersion).toBe('1.2.0');
    const denied = await register(wang.auth, softwareCustomer('杭州市云帆软件有限公司', { intent: 'aaaa', phone: '0571 8888 0000' }));
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('not-eligible');
  });
});
