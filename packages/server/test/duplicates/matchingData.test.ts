import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src/domain/claims/claimDocs.js';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import { blockingKeys, brandPinyin, profileOf, withMatchingData } from '../../src/domain/duplicates/companyProfile.js';
import { IDENTITY_KEYS_VERSION } from '../../src/domain/duplicates/identityKeyMigration.js';
import { MATCHING_DATA_VERSION, matchingDataOf } from '../../src/domain/duplicates/matchingData.js';
import { profileOfCustomer } from '../../src/domain/duplicates/storedProfile.js';
import { brandSimilarity, matchCompanies } from '../../src/domain/duplicates/matchCompanies.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.store.close();
  t = undefined;
});

/** The matching data a name gives, computed from the name alone. */
const expectedFor = (companyName: string) => matchingDataOf(profileOf({ companyName }).name.brand);

/** A stored customer, its profile read whole. */
const stored = async (app: TestApp, id: string) => {
  const customer = (await app.services.claims.customers.findOne({ _id: id }))!;
  return { ...customer, profile: profileOfCustomer(customer) };
};

describe('matching data stored with a customer', () => {
  it('is what the name gives, from a registration and again after a rename', async () => {
    t = await createTestApp();
    const rep = await t.user('li.na', 'rep', [await t.team('South')], '李娜');
    const form = softwareCustomer('深圳市腾飞科技有限公司', { phone: '0755 2345 6789' });
    const registered = await t.http.post('/api/registrations').set('authorization', rep.auth).send(form);
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const id = registered.body.claim.customerId as string;

    const before = await stored(t, id);
    expect(before.profile.matching).toEqual(expectedFor('深圳市腾飞科技有限公司'));
    expect(before.profile.matching?.spoken).toBe(brandPinyin(before.profile.name.brand));
    expect(before.dedupKeys).toContain(`pyr:${before.profile.matching?.spoken}|44`);

    const renamed = await t.http.put(`/api/customers/${id}`).set('authorization', rep.auth).send({ customer: { ...form.customer, companyName: '深圳市星河数码科技有限公司' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const after = await stored(t, id);
    expect(after.profile.matching).toEqual(expectedFor('深圳市星河数码科技有限公司'));
    expect(after.profile.matching?.brand).not.toBe(before.profile.matching?.brand);
    expect(after.dedupKeys).toContain(`pyr:${after.profile.matching?.spoken}|44`);
    expect(after.dedupKeys).not.toContain(`pyr:${before.profile.matching?.spoken}|44`);
  });

  it('is stored at start for customers that lack it or hold another version’s', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-matching-')));
    const legacy = (companyName: string) => newCustomer({ form: { companyName, region: '440305', grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'import', now: '2026-11-01T00:00:00.000Z' });
    const missing = legacy('深圳市腾飞科技有限公司');
    delete missing.profile.matching;
    const stale = legacy('北京星河数码科技有限公司');
    stale.profile.matching = { v: MATCHING_DATA_VERSION - 1, brand: stale.profile.name.brand, spoken: 'not-its-pinyin' };
    const current = legacy('上海远航物流有限公司');
    await store.collection<CustomerDoc>('customers').insertMany([missing, stale, current]);
    // Keys already of the current identity version: the start's identity re-derivation leaves them, and this step alone fills them in.
    await store.collection<{ _id: string; version: number }>('settings').insertOne({ _id: 'identity-keys', version: IDENTITY_KEYS_VERSION });

    t = await createTestApp({ store });
    expect((await stored(t, missing._id)).profile.matching).toEqual(expectedFor('深圳市腾飞科技有限公司'));
    expect((await stored(t, stale._id)).profile.matching).toEqual(expectedFor('北京星河数码科技有限公司'));
    expect((await stored(t, current._id)).profile.matching).toEqual(expectedFor('上海远航物流有限公司'));
    expect(t.logger.lines).toContainEqual({ level: 'info', message: 'stored the matching data of customers that lacked it', fields: { customers: 2 } });
  });
});

describe('matching data in scoring', () => {
  it('is derived from the brand when a profile lacks it, once when it has it', () => {
    const profile = profileOf({ companyName: '深圳市腾飞科技有限公司' });
    expect(profile.matching).toBeUndefined();
    const prepared = withMatchingData(profile);
    expect(prepared.matching).toEqual(matchingDataOf(profile.name.brand));
    expect(withMatchingData(prepared)).toBe(prepared);
    expect(blockingKeys(prepared)).toEqual(blockingKeys(profile));
  });

  it('left behind by another brand is never used', () => {
    const a = profileOf({ companyName: '深圳市腾飞科技有限公司' });
    const b = profileOf({ companyName: '深圳市腾非科技有限公司' });
    // Data of another brand, as a write that changed the name but not its data would leave.
    const misled = { ...b, matching: matchingDataOf('星河') };
    expect(matchCompanies(a, misled)).toEqual(matchCompanies(a, b));
    expect(brandSimilarity('腾飞', '腾非', undefined, matchingDataOf('星河'))).toBe(0.95);
    expect(blockingKeys(misled)).toEqual(blockingKeys(b));
  });
});
