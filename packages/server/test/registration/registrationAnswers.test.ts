import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// What the form needs from a registration's answer: which field a refusal concerns, and whether the customer is the rep's own.
let t: TestApp;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  const south = await t.team('South Enterprise');
  [li, wang] = await Promise.all([t.user('li.na', 'rep', [south], '李娜'), t.user('wang.qiang', 'rep', [south], '王强')]);
});
afterEach(async () => {
  await t.store.close();
});

const register = (auth: string, body: unknown, language = 'en') =>
  t.http.post('/api/registrations').set('authorization', auth).set('accept-language', language).send(body as object);

describe('a refusal names the fields it concerns', () => {
  it('grade A without a buying intent: the reason points at /customer/intent', async () => {
    const response = await register(li.auth, softwareCustomer('北京数据科技有限公司', { grade: 'A' }), 'zh-CN');
    expect(response.status).toBe(403);
    expect(response.body.error.reasons).toEqual([{ reason: 'missing-buying-intent', message: 'A 级客户需填写购买意向', path: '/customer/intent' }]);
  });

  it('grade B without a timeframe: the reason points at the purchase plan’s timeframe', async () => {
    const response = await register(li.auth, softwareCustomer('上海数据科技有限公司', { grade: 'B' }));
    expect(response.status).toBe(403);
    expect(response.body.error.reasons).toEqual([expect.objectContaining({ reason: 'missing-purchase-plan', path: '/customer/purchasePlan/timeframe' })]);
  });
});

describe('re-registering one’s own customer', () => {
  it('answers that it is hers, with the customer, and no verdict to appeal', async () => {
    const first = await register(li.auth, softwareCustomer('星云数据（深圳）有限公司'));
    expect(first.status).toBe(201);
    const again = await register(li.auth, softwareCustomer('星雲數據（深圳）有限公司', { phone: '021 5555 6666' }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate', holder: { mine: true }, customerId: first.body.claim.customerId, customerName: '星云数据（深圳）有限公司' });
    expect(again.body.error.collisionId).toBeUndefined();
  });

  it('refuses an appeal against her own claim with 409 own-claim, and files nothing', async () => {
    await register(li.auth, softwareCustomer('腾飞科技有限公司'));
    await register(li.auth, softwareCustomer('騰飛科技有限公司'));
    const collision = await t.services.claims.collisions.findOne({ registrantId: li.id });
    expect(collision?.holderRepId).toBe(li.id);
    const appeal = await t.http.post('/api/appeals').set('authorization', li.auth).send({ collisionId: collision!._id, reason: '重复登记' });
    expect(appeal.status).toBe(409);
    expect(appeal.body.error).toMatchObject({ code: 'own-claim', details: [{ path: '/collisionId' }] });
    expect(await t.services.appeals.appeals.countDocuments({})).toBe(0);
  });

  it('still lets a colleague appeal, with the verdict’s collisionId', async () => {
    await register(li.auth, softwareCustomer('腾飞科技有限公司'));
    const taken = await register(wang.auth, softwareCustomer('騰飛科技有限公司', { phone: '021 5555 6666' }));
    expect(taken.body.error).toMatchObject({ code: 'duplicate', holder: { mine: false }, collisionId: expect.any(String) });
    const appeal = await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId: taken.body.error.collisionId, reason: '我先联系的' });
    expect(appeal.status).toBe(201);
  });
});

describe('a duplicate in the caller’s language', () => {
  it('says who holds the customer in Chinese under Accept-Language zh-CN, as 403 and 422 do', async () => {
    await register(li.auth, softwareCustomer('腾飞科技有限公司'));
    const taken = await register(wang.auth, softwareCustomer('騰飛科技有限公司', { phone: '021 5555 6666' }), 'zh-CN');
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toMatch(/^李娜（South Enterprise）已登记该客户，保护期至 \d{4}-\d{2}-\d{2}$/);
    const mine = await register(li.auth, softwareCustomer('騰飛科技有限公司', { phone: '021 5555 6666' }), 'zh-CN');
    expect(mine.body.error.message).toMatch(/^该客户已在你名下，保护期至 \d{4}-\d{2}-\d{2}$/);
    const english = await register(wang.auth, softwareCustomer('騰飛科技有限公司', { phone: '021 5555 6666' }));
    expect(english.body.error.message).toMatch(/^李娜 \(South Enterprise\) holds this customer until \d{4}-\d{2}-\d{2}$/);
  });
});
