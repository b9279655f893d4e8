import { afterAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '@crm-policy/engine';
import { MongoStore } from '../src/store/mongo/mongoStore.js';
import type { Store } from '../src/store/collection.js';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

// 20 reps register the same company at once: exactly one 201, the rest 409, every round, on every store.
// And namesakes racing: one claim per legal entity, never one for two.
const MONGODB_URI = process.env['MONGODB_URI'];
if (!MONGODB_URI) console.log('concurrent registration: MongoDB skipped: set MONGODB_URI to run it against a MongoDB server too');

const stores: Array<{ name: string; open: () => Promise<Store | undefined> }> = [
  { name: 'embedded', open: async () => undefined },
  { name: 'mongodb', open: async () => MongoStore.connect(MONGODB_URI!, `crm_policy_race_${process.pid}_${Date.now()}`) },
];

const validCreditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);

describe.each(stores)('concurrent registration on the $name store', ({ name, open }) => {
  // One app and 20 reps per store, shared by the races below (signing 20 reps in is the slow part).
  let shared: Promise<{ app: TestApp; reps: Array<{ id: string; auth: string }> }> | undefined;
  const setup = () =>
    (shared ??= (async () => {
      const store = await open();
      const app = await createTestApp(store ? { store } : {});
      const [south, east] = [await app.team('South'), await app.team('East')];
      const reps = await Promise.all(Array.from({ length: 20 }, (_, i) => app.user(`rep${i}`, 'rep', [i % 2 ? south : east])));
      return { app, reps };
    })());
  afterAll(async () => {
    const t = shared && (await shared).app;
    if (t?.store instanceof MongoStore) await t.store.dropDatabase();
    await t?.store.close();
  });

  it.skipIf(name === 'mongodb' && !MONGODB_URI)('grants exactly one of 20 concurrent registrations of one company, 50 times over', async () => {
    const { app, reps } = await setup();
    for (let round = 0; round < 50; round += 1) {
      const body = softwareCustomer(`并发测试公司${round}有限公司`, { phone: `0755 6000 ${String(round).padStart(4, '0')}` });
      const responses = await Promise.all(reps.map((rep) => app.http.post('/api/registrations').set('authorization', rep.auth).send(body)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    }
    const doubled = await app.services.claims.claims.aggregate([{ $match: { holding: true } }, { $group: { _id: '$customerId', n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }]);
    expect(doubled).toEqual([]);
    expect(await app.services.claims.customers.countDocuments({ name: { $regex: '^并发测试公司' } })).toBe(50);
  });

  it.skipIf(name === 'mongodb' && !MONGODB_URI)('grants one claim per legal entity when namesakes race: with a code or without in one city, another code in another', async () => {
    const { app, reps } = await setup();
    // The reps start empty-handed: a race before this one may have left one rep at the cap of customers held.
    for (const claim of await app.services.claims.claims.find({ holding: true })) await app.services.claims.end(claim._id, 'released');
    const rounds = 8;
    for (let round = 0; round < rounds; round += 1) {
      const companyName = `同名${round}电子有限公司`;
      const round7 = String(round).padStart(7, '0');
      // Reps 0–9: the Haidian company, every other one giving its code; reps 10–19: the Pudong company, all with its own code.
      const haidian = (i: number) => ({ region: '110108', phone: `010 6000 ${String(round).padStart(4, '0')}`, ...(i % 2 ? {} : { creditCode: validCreditCode(`91110108MA${round7}`) }) });
      const pudong = { region: '310115', phone: `021 6000 ${String(round).padStart(4, '0')}`, creditCode: validCreditCode(`91310115MA${round7}`) };
      // Who sends first turns with the round, so a registration without the code also gets there first.
      const order = reps.map((_, i) => (i + round) % reps.length);
      const sent = await Promise.all(
        order.map((i) => app.http.post('/api/registrations').set('authorization', reps[i]!.auth).send(softwareCustomer(companyName, i < 10 ? haidian(i) : pudong))),
      );
      const responses = order.map((_, i) => sent[order.indexOf(i)]!);
      const granted = (from: number) => responses.slice(from, from + 10).filter((r) => r.status === 201).length;
      expect([granted(0), granted(10)]).toEqual([1, 1]);
      expect(responses.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)).toEqual([]);
      expect(responses.filter((r) => r.status === 409)).toHaveLength(18);
    }
    const doubled = await app.services.claims.claims.aggregate([{ $match: { holding: true } }, { $group: { _id: '$customerId', n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }]);
    expect(doubled).toEqual([]);
    expect(await app.services.claims.customers.countDocuments({ name: { $regex: '^同名' } })).toBe(2 * rounds);
  });
});
