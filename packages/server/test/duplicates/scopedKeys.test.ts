import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src/domain/claims/claimDocs.js';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import { profileOf, withMatchingData } from '../../src/domain/duplicates/companyProfile.js';
import { BLOCKING_KEYS_VERSION, DuplicateFinder } from '../../src/domain/duplicates/duplicateFinder.js';
import { DEFAULT_DUPLICATE_SETTINGS } from '../../src/domain/duplicates/matchCompanies.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

const at = '2026-11-01T00:00:00.000Z';
const customer = (companyName: string, region: string) => newCustomer({ form: { companyName, region, grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'test', now: at });

describe('blocking keys scoped to a province', () => {
  it('are what a name stating a region is stored under; a name without one, or a branch, stays unscoped', () => {
    expect(customer('深圳市腾飞科技有限公司', '440305').dedupKeys).toEqual(['brr:腾飞|44', 'pyr:tengfei|44']);
    expect(customer('腾飞科技有限公司', '440305').dedupKeys).toEqual(['br:腾飞', 'py:tengfei']);
    expect(customer('腾飞科技有限公司北京分公司', '110108').dedupKeys).toEqual(['br:腾飞', 'py:tengfei']);
    expect(customer('杭州市腾飞达科技有限公司', '330106').dedupKeys).toEqual(['brr:腾飞达|33', 'pyr:tengfeida|33', 'delr:飞达|33', 'delr:腾达|33', 'delr:腾飞|33']);
  });

  it('replace the unscoped keys of customers stored before them, once, keeping keys merged in; checks find them before and after', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-scoped-')));
    try {
      const customers = store.collection<CustomerDoc>('customers');
      const finder = new DuplicateFinder(store, customers);
      await finder.createIndexes();
      // As the version before stored them: the brand in its province beside the unscoped brand, pinyin and deletions.
      const shenzhen = { ...customer('深圳市腾飞科技有限公司', '440305'), dedupKeys: ['brr:腾飞|44', 'br:腾飞', 'py:tengfei'] };
      const merged = { ...customer('广州市远航贸易有限公司', '440106'), dedupKeys: ['brr:远航|44', 'br:远航', 'py:yuanhang', 'br:星河'], mergedKeys: ['br:星河'] };
      const placeless = customer('腾飞科技有限公司', '310115');
      await customers.insertMany([shenzhen, merged, placeless]);
      const found = async (companyName: string, region: string) =>
        (await finder.candidates(withMatchingData(profileOf({ companyName, region })), { settings: DEFAULT_DUPLICATE_SETTINGS })).map((c) => c.customer._id).sort();
      const expected = [shenzhen._id, placeless._id].sort();
      expect(await found('深圳腾飞科技有限公司', '440305')).toEqual(expected);

      expect(await finder.scopeStoredKeys()).toBe(2);
      const keysOf = async (id: string) => (await customers.findOne({ _id: id }))!.dedupKeys;
      expect(await keysOf(shenzhen._id)).toEqual(['brr:腾飞|44', 'pyr:tengfei|44']);
      expect(await keysOf(merged._id)).toEqual(['brr:远航|44', 'pyr:yuanhang|44', 'br:星河']);
      expect(await keysOf(placeless._id)).toEqual(['br:腾飞', 'py:tengfei']);
      expect(await store.collection('settings').findOne({ _id: 'blocking-keys' })).toMatchObject({ version: BLOCKING_KEYS_VERSION });
      expect(await found('深圳腾飞科技有限公司', '440305')).toEqual(expected);

      // Once per store: a customer given old keys afterwards is left as it is.
      await customers.updateOne({ _id: shenzhen._id }, { $set: { dedupKeys: ['br:腾飞'] } });
      expect(await finder.scopeStoredKeys()).toBe(0);
      expect(await keysOf(shenzhen._id)).toEqual(['br:腾飞']);
    } finally {
      await store.close();
    }
  });
});
