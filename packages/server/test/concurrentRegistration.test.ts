import { afterAll, describe, expect, it } from 'vitest';
import { MongoStore } from '../src/store/mongo/mongoStore.js';
import type { Store } from '../src/store/collection.js';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

// 20 reps register the same company at once: exactly one 201, the rest 409, every round, on every store.
const MONGODB_URI = process.env['MONGODB_URI'];
if (!MONGODB_URI) console.log('concurrent registration: MongoDB skipped: set MONGODB_URI to run it against a MongoDB server too');

const stores: Array<{ name: string; open: () => Promise<Store | undefined> }> = [
  { name: 'embedded', open: async () => undefined },
  { name: 'mongodb', open: async () => MongoStore.connect(MONGODB_URI!, `crm_policy_race_${process.pid}_${Date.now()}`) },
];

describe.each(stores)('concurrent registration on the $name store', ({ name, open }) => {
  let t: TestApp | undefined;
  afterAll(async () => {
    if (t?.store instanceof MongoStore) await t.store.dropDatabase();
    await t?.store.close();
  });

  it.skipIf(name === 'mongodb' && !MONGODB_URI)('grants exactly one of 20 concurrent registrations of one company, 50 times over', async () => {
    const store = await open();
    t = await createTestApp(store ? { store } : {});
    const app = t;
    const [south, east] = [await app.team('South'), await app.team('East')];
    const reps = await Promise.all(Array.from({ length: 20 }, (_, i) => app.user(`rep${i}`, 'rep', [i % 2 ? south : east])));
    for (let round = 0; round < 50; round += 1) {
      const body = softwareCustomer(`并发测试公司${round}有限公司`, { phone: `0755 6000 ${String(round).padStart(4, '0')}` });
      const responses = await Promise.all(reps.map((rep) => app.http.post('/api/registrations').set('authorization', rep.auth).send(body)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    }
    const doubled = await app.services.claims.claims.aggregate([{ $match: { holding: true } }, { $group: { _id: '$customerId', n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }]);
    expect(doubled).toEqual([]);
    expect(await app.services.claims.customers.countDocuments({})).toBe(50);
  });
});
