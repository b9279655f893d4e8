import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@crm-policy/engine';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import { identityKey, profileOf } from '../../src/domain/duplicates/companyProfile.js';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// Two legal entities are never one customer: the identity rule through the HTTP API (docs/duplicates.md, "Identity").
const validCreditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);
const BEIJING_CODE = validCreditCode('91110108MA01HXD47');
const SHANGHAI_CODE = validCreditCode('91310115MA1K3HX26');
const HAIDIAN = '110108';
const CHAOYANG = '110105';
const PUDONG = '310115';

let t: TestApp;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  const [south, east] = [await t.team('South'), await t.team('East')];
  [li, wang] = await Promise.all([t.user('li.na', 'rep', [south], '李娜'), t.user('wang.qiang', 'rep', [east], '王强')]);
});
afterEach(async () => {
  await t.store.close();
});

const register = (auth: string, companyName: string, fields: Record<string, unknown>) =>
  t.http.post('/api/registrations').set('authorization', auth).send(softwareCustomer(companyName, fields));

describe('two legal entities of one plain name', () => {
  it('grants both when their credit codes differ, in two cities, and reports the namesake as related with its reasons', async () => {
    expect((await register(li.auth, '华兴电子有限公司', { region: HAIDIAN, creditCode: BEIJING_CODE, phone: '010 6252 1000' })).status).toBe(201);
    const second = await register(wang.auth, '华兴电子有限公司', { region: PUDONG, creditCode: SHANGHAI_CODE, phone: '021 5030 2000' });
    expect(second.status).toBe(201);
    expect(second.body.flaggedForReview).toBeUndefined();
    expect(second.body.related).toEqual([
      { score: 0.6, reasons: ['different credit codes', expect.stringContaining('region differs: 上海市浦东新区 / 北京市海淀区')] },
    ]);
    expect(await t.services.claims.customers.countDocuments({})).toBe(2);
  });

  it('grants both when their credit codes differ in one city: the store keeps the second under its code', async () => {
    expect((await register(li.auth, 'Sunrise Trading Co., Ltd.', { region: HAIDIAN, creditCode: BEIJING_CODE, phone: '010 6252 1000' })).status).toBe(201);
    const second = await register(wang.auth, 'Sunrise Trading Company Limited', { region: CHAOYANG, creditCode: validCreditCode('91110105MA00FKX3Q'), phone: '010 8590 3000' });
    expect(second.status).toBe(201);
    expect(second.body.related[0].reasons).toEqual(['different credit codes', 'name 1.00: 字号 equal, region same city, districts differ: 北京市朝阳区 / 北京市海淀区, industry words equal, suffix equal']);
    // A third registration without a code cannot tell which of the two it is: the name's slot answers 409.
    const third = await register(wang.auth, 'Sunrise Trading Co. Ltd', { region: HAIDIAN, phone: '010 6000 4000' });
    expect(third.status).toBe(409);
  });
});

describe('one plain name in two cities, a credit code on one side or none', () => {
  it('grants the second, flagged for review with both regions named, when only one side has a code', async () => {
    expect((await register(li.auth, '华兴电子有限公司', { region: HAIDIAN, creditCode: BEIJING_CODE, phone: '010 6252 1000' })).status).toBe(201);
    const second = await register(wang.auth, '华兴电子有限公司', { region: PUDONG, phone: '021 5030 2000' });
    expect(second.status).toBe(201);
    expect(second.body.flaggedForReview).toEqual([{ score: 0.85, reasons: ['name 0.85: 字号 equal, region differs: 上海市浦东新区 / 北京市海淀区, industry words equal, suffix equal'] }]);
    expect(second.body.claim.review.matches[0]).toMatchObject({ customerName: '华兴电子有限公司', score: 0.85 });
  });

  it('grants the second, flagged for review, when neither has a code (English legal forms folded)', async () => {
    expect((await register(li.auth, 'Sunrise Trading Co., Ltd.', { region: HAIDIAN, phone: '010 6252 1000' })).status).toBe(201);
    const second = await register(wang.auth, 'Sunrise Trading Company Limited', { region: PUDONG, phone: '021 5030 2000' });
    expect(second.status).toBe(201);
    expect(second.body.flaggedForReview[0].reasons[0]).toBe('name 0.85: 字号 equal, region differs: 上海市浦东新区 / 北京市海淀区, industry words equal, suffix equal');
  });

  it('answers 409 when a contact key also matches, and the reasons still name both regions', async () => {
    expect((await register(li.auth, '华兴电子有限公司', { region: HAIDIAN, creditCode: BEIJING_CODE, phone: '010 6252 1000', email: 'sales@huaxing-elec.com' })).status).toBe(201);
    const sameDomain = await register(wang.auth, '华兴电子有限公司', { region: PUDONG, phone: '021 5030 2000', email: 'buyer@huaxing-elec.com' });
    expect(sameDomain.status).toBe(409);
    expect(sameDomain.body.error.matches[0].reasons).toEqual(['same email domain', expect.stringContaining('region differs: 上海市浦东新区 / 北京市海淀区')]);
    const samePhone = await register(wang.auth, '华兴电子有限公司', { region: PUDONG, phone: '+86 10 6252 1000' });
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.error.matches[0].reasons).toEqual(['same phone', expect.stringContaining('region differs: 上海市浦东新区 / 北京市海淀区')]);
  });

  it('answers 409 for the same credit code in another city, with the regions the score used', async () => {
    expect((await register(li.auth, '华兴电子有限公司', { region: HAIDIAN, creditCode: BEIJING_CODE, phone: '010 6252 1000' })).status).toBe(201);
    const response = await register(wang.auth, '华兴电子股份有限公司', { region: PUDONG, creditCode: BEIJING_CODE, phone: '021 5030 2000' });
    expect(response.status).toBe(409);
    expect(response.body.error.matches[0].reasons).toEqual(['same credit code', expect.stringContaining('region differs: 上海市浦东新区 / 北京市海淀区')]);
  });

  it('answers 409 in one city when one side has a code and the other none, whichever comes first', async () => {
    expect((await register(li.auth, '华兴电子有限公司', { region: HAIDIAN, creditCode: BEIJING_CODE, phone: '010 6252 1000' })).status).toBe(201);
    const withoutCode = await register(wang.auth, '华兴电子有限公司', { region: CHAOYANG, phone: '010 8590 3000' });
    expect(withoutCode.status).toBe(409);
    expect(withoutCode.body.error.matches[0].reasons).toEqual(['name 1.00: 字号 equal, region same city, districts differ: 北京市朝阳区 / 北京市海淀区, industry words equal, suffix equal']);
    expect((await register(li.auth, 'Sunrise Trading Co., Ltd.', { region: CHAOYANG, phone: '010 8590 4000' })).status).toBe(201);
    const withCode = await register(wang.auth, 'Sunrise Trading Corporation', { region: HAIDIAN, creditCode: SHANGHAI_CODE, phone: '010 6000 5000' });
    expect(withCode.status).toBe(409);
  });
});

describe('a corrected customer', () => {
  const correct = (auth: string, id: string, companyName: string, fields: Record<string, unknown>) =>
    t.http.put(`/api/customers/${id}`).set('authorization', auth).send({ customer: softwareCustomer(companyName, fields).customer });

  it('may take the name of another legal entity elsewhere, but not that of one it cannot be told from', async () => {
    expect((await register(li.auth, '华兴电子有限公司', { region: HAIDIAN, creditCode: BEIJING_CODE, phone: '010 6252 1000' })).status).toBe(201);
    const mine = await register(wang.auth, '华星贸易有限公司', { region: PUDONG, creditCode: SHANGHAI_CODE, phone: '021 5030 2000' });
    const id = mine.body.claim.customerId as string;
    const renamed = await correct(wang.auth, id, '华兴电子有限公司', { region: PUDONG, creditCode: SHANGHAI_CODE, phone: '021 5030 2000' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.customer).toMatchObject({ name: '华兴电子有限公司', nameKey: '华兴|电子||@31' });
    const moved = await correct(wang.auth, id, '华兴电子有限公司', { region: CHAOYANG, phone: '021 5030 2000' });
    expect(moved.status).toBe(409);
    expect(moved.body.error.matches[0].reasons[0]).toBe('name 1.00: 字号 equal, region same city, districts differ: 北京市朝阳区 / 北京市海淀区, industry words equal, suffix equal');
  });
});

describe('customers stored before the identity rule', () => {
  it('are given the new identity key at start, and a namesake in another city is then granted', async () => {
    expect((await register(li.auth, '华兴电子有限公司', { region: HAIDIAN, phone: '010 6252 1000' })).status).toBe(201);
    // Put the customer back the way the previous version stored it: the key of the name alone, a profile without the form region.
    const stored = (await t.services.claims.customers.findOne({}))!;
    const { region: _region, ...oldProfile } = profileOf(stored.fields);
    await t.services.claims.customers.updateOne({ _id: stored._id }, { $set: { nameKey: identityKey(oldProfile.name), profile: oldProfile } });
    await t.store.collection('settings').deleteOne({ _id: 'identity-keys' });

    const restarted = await createTestApp({ store: t.store });
    expect((await restarted.services.claims.customers.findOne({ _id: stored._id }))).toMatchObject({ nameKey: '华兴|电子||@11', profile: { region: HAIDIAN } });
    const elsewhere = await restarted.http.post('/api/registrations').set('authorization', wang.auth).send(softwareCustomer('华兴电子有限公司', { region: PUDONG, phone: '021 5030 2000' }));
    expect(elsewhere.status).toBe(201);
    const sameCity = await restarted.http.post('/api/registrations').set('authorization', wang.auth).send(softwareCustomer('华兴电子有限公司', { region: CHAOYANG, phone: '010 8590 3000' }));
    expect(sameCity.status).toBe(409);
  });

  it('are both kept when the new key reads two of them as one company, the later under a key of its own', async () => {
    const first = await register(li.auth, 'Johnson & Johnson (China) Ltd.', { region: '310104', phone: '021 2403 1000' });
    expect(first.status).toBe(201);
    // The previous version dropped `&`, so it stored the two under different keys: put them back that way.
    const form = softwareCustomer('Johnson and Johnson (China) Limited', { region: '310104', phone: '021 2403 2000' }).customer;
    const second = newCustomer({ form, industry: 'software', templateVersion: 1, createdBy: wang.id, now: t.clock.now.toISOString() });
    await t.services.claims.customers.insertOne({ ...second, nameKey: 'johnsonandjohnson|||' });
    await t.services.claims.customers.updateOne({ _id: first.body.claim.customerId }, { $set: { nameKey: 'johnsonjohnson|||' } });
    const ids = [first.body.claim.customerId as string, second._id].sort();
    await t.store.collection('settings').deleteOne({ _id: 'identity-keys' });

    const restarted = await createTestApp({ store: t.store });
    const keys = (await restarted.services.claims.customers.find({}, { sort: { _id: 1 } })).map((customer) => customer.nameKey);
    expect(keys).toEqual(['johnsonandjohnson|||@31', `johnsonandjohnson|||@31#${ids[1]}`]);
    expect(restarted.logger.lines.filter((line) => line.level === 'warn' && line.message.startsWith('two stored customers now read as one company'))).toHaveLength(1);
  });
});
