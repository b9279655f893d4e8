import { afterEach, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@crm-policy/engine';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import { profileOf } from '../../src/domain/duplicates/companyProfile.js';
import type { Filter, Store } from '../../src/store/collection.js';
import { MongoStore } from '../../src/store/mongo/mongoStore.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// A common brand's namesakes must not crowd the one customer sharing a credit code or phone out of the scored candidates.
const MONGODB_URI = process.env['MONGODB_URI'];
if (!MONGODB_URI) console.log('candidate tiers: MongoDB skipped: set MONGODB_URI to run it against a MongoDB server too');

const stores: Array<{ name: string; open: () => Promise<Store | undefined> }> = [
  { name: 'embedded', open: async () => undefined },
  { name: 'mongodb', open: async () => MongoStore.connect(MONGODB_URI!, `crm_policy_tiers_${process.pid}_${Date.now()}`) },
];

const code = '91440300MA5FTIER1';
const creditCode = code + creditCodeCheckCharacter(code);
const CITIES = ['110108', '310115', '320102', '330106', '420106', '510104', '610113', '210102', '370102', '500103'];

describe.each(stores)('duplicate candidates on the $name store', ({ name, open }) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    if (t?.store instanceof MongoStore) await t.store.dropDatabase();
    await t?.store.close();
    t = undefined;
  });

  it.skipIf(name === 'mongodb' && !MONGODB_URI)('reads the customers sharing a credit code or phone before a brand 250 namesakes share', async () => {
    const store = await open();
    t = await createTestApp(store ? { store } : {});
    const at = '2026-11-01T00:00:00.000Z';
    // 250 companies of the brand 腾飞 across the country (each its own legal entity), none sharing a contact key.
    const namesakes = Array.from({ length: 250 }, (_, i) =>
      newCustomer({ form: { companyName: '腾飞科技有限公司', region: CITIES[i % CITIES.length]!, phone: `021 6${String(i).padStart(3, '0')} 0000`, grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'seed', now: at, nameKey: `namesake-${i}` }),
    );
    const holder = newCustomer({ form: { companyName: '远航贸易有限公司', creditCode, region: '440305', phone: '0755 8888 0001', grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'seed', now: at });
    await t.services.claims.customers.insertMany([...namesakes, holder]);

    // The same legal entity, registered under its new name: found by its code, whatever the brand's crowd.
    const candidates = await t.services.duplicates.candidates(profileOf({ companyName: '深圳市腾飞科技有限公司', creditCode, region: '440305', phone: '0755 8888 0002' }));
    expect(candidates.find((candidate) => candidate.customer._id === holder._id)).toMatchObject({ verdict: 'duplicate', match: { reasons: expect.arrayContaining(['same credit code']) } });
    // The same phone, another name: read too.
    const byPhone = await t.services.duplicates.candidates(profileOf({ companyName: '深圳市腾飞科技有限公司', region: '440305', phone: '0755 8888 0001' }));
    expect(byPhone.map((candidate) => candidate.customer._id)).toContain(holder._id);
  });
  it.skipIf(name === 'mongodb' && !MONGODB_URI)('reads the namesake in the same province before the brand\'s 250 namesakes elsewhere, in MongoDB\'s reading order', async () => {
    const store = await open();
    t = await createTestApp(store ? { store } : {});
    if (!store) {
      // The embedded store reads `$in` values in the order given; MongoDB reads an index's bounds sorted (`br:` before `brr:`): read them so here too.
      const customers = t.services.claims.customers;
      const given = customers.findReadOnly.bind(customers);
      customers.findReadOnly = (filter: Filter, options) => {
        const keys = (filter['dedupKeys'] as { $in?: string[] } | undefined)?.$in;
        return given(keys ? { ...filter, dedupKeys: { $in: [...keys].sort() } } : filter, options);
      };
    }
    const at = '2026-11-01T00:00:00.000Z';
    const namesakes = Array.from({ length: 250 }, (_, i) =>
      newCustomer({ form: { companyName: '腾飞科技有限公司', region: CITIES[i % CITIES.length]!, phone: `021 7${String(i).padStart(3, '0')} 0000`, grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'seed', now: at, nameKey: `elsewhere-${i}` }),
    );
    // The same company in Shenzhen, stored last: under the bare brand it comes after the 250.
    const sameProvince = newCustomer({ form: { companyName: '深圳市腾飞科技有限公司', region: '440305', phone: '0755 6666 0001', grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'seed', now: at });
    await t.services.claims.customers.insertMany([...namesakes, sameProvince]);

    const candidates = await t.services.duplicates.candidates(profileOf({ companyName: '深圳腾飞科技有限公司', region: '440305', phone: '0755 6666 0002' }));
    expect(candidates.map((candidate) => candidate.customer._id)).toContain(sameProvince._id);
  });
});
