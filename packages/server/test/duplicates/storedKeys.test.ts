import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src/domain/claims/claimDocs.js';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import { blockingKeys, profileOf, withMatchingData } from '../../src/domain/duplicates/companyProfile.js';
import { DuplicateFinder } from '../../src/domain/duplicates/duplicateFinder.js';
import { storedBlockingKeys } from '../../src/domain/duplicates/storedProfile.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.store.close();
  t = undefined;
});

const form = (companyName: string, creditCode: string, phone: string) => ({ companyName, creditCode, phone, email: `sales@${creditCode.toLowerCase()}.cn`, region: '440305', grade: 'C' });

describe('the blocking keys a customer stores', () => {
  it('leave out its own credit code and phone, which the document holds as fields of their own, and keep every other key', () => {
    const profile = withMatchingData(profileOf(form('深圳市星云数据有限公司', '91440300MA5FXXXX1X', '0755-8888 1234')));
    const stored = storedBlockingKeys(profile);
    expect(stored).toEqual(blockingKeys(profile).filter((key) => key !== 'cc:91440300MA5FXXXX1X' && key !== 'ph:+8675588881234'));
    expect(stored).toContain('em:91440300ma5fxxxx1x.cn');
    expect(stored.length).toBe(blockingKeys(profile).length - 2);
  });
});

describe('a check by credit code or phone', () => {
  it('finds the customer holding it, and after a merge the survivor by the merged customer’s code and phone', async () => {
    t = await createTestApp();
    const customer = (name: string, code: string, phone: string) => newCustomer({ form: form(name, code, phone), industry: 'software', templateVersion: 1, createdBy: 'import', now: '2026-11-01T00:00:00.000Z' });
    const keep = customer('深圳市星云数据有限公司', '91440300MA5FAAAA1A', '0755-8888 1234');
    const drop = customer('广州市汇通电子有限公司', '91440100MA5FBBBB2B', '020-6666 5678');
    await t.services.claims.customers.insertMany([keep, drop]);
    const found = async (code: string, phone: string) =>
      (await t!.services.duplicates.candidates(profileOf({ companyName: '北京市毫不相干餐饮有限公司', creditCode: code, phone, region: '110108' }))).map((c) => c.customer._id);

    expect(await found('91440300MA5FAAAA1A', '')).toEqual([keep._id]);
    expect(await found('', '0755 8888 1234')).toEqual([keep._id]);
    expect(await found('91440100MA5FBBBB2B', '')).toEqual([drop._id]);

    expect((await t.http.post('/api/duplicates/resolve').set('authorization', t.admin).send({ a: keep._id, b: drop._id, action: 'merge' })).status).toBe(200);
    expect(await found('91440100MA5FBBBB2B', '')).toEqual([keep._id]);
    expect(await found('', '020 6666 5678')).toEqual([keep._id]);
  });
});

describe('the duplicate finder', () => {
  it('creates the indexes its contact lookups read, so a check never scans the customers for a credit code or phone', async () => {
    t = await createTestApp();
    const customers = t.store.collection<CustomerDoc>('customers-of-a-finder-alone');
    await new DuplicateFinder(t.store, customers).createIndexes();
    const indexed = (await customers.listIndexes()).map((index) => Object.keys(index.keys).join(','));
    expect(indexed).toEqual(expect.arrayContaining(['dedupKeys', 'creditCode', 'phoneKey']));
  });
});
