import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import type { Doc } from '../../src/store/collection.js';

type Customer = Doc & { name: string; profile: { brand: string; phones: string[] }; n?: number };
const open = () => EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-frozen-')));

// What the contract suite cannot see: the embedded store copies no stored document to answer a read.
describe('the embedded store’s documents', () => {
  it('are handed out as fresh top-level objects over stored values shared, frozen, between reads', async () => {
    const store = await open();
    const customers = store.collection<Customer>('customers');
    await customers.insertOne({ _id: 'c1', name: '星云', profile: { brand: '星云', phones: ['+861'] } });
    const [first, second] = [await customers.findOne({ _id: 'c1' }), (await customers.find({ name: '星云' }, { projection: { profile: 1 } }))[0]];
    expect(first).not.toBe(second);
    expect(first!.profile).toBe(second!.profile);
    expect(Object.isFrozen(first!.profile) && Object.isFrozen(first!.profile.phones)).toBe(true);
    expect(Object.isFrozen(first)).toBe(false);
    await store.close();
  });

  it('of a packed collection are kept as given, whatever the caller changes afterwards in what it inserted', async () => {
    const store = await open();
    type Decision = Doc & { policy: string; at: unknown; facts: { n: number[] } };
    const decisions = store.collection<Decision>('decisions');
    // The same documents in a collection of objects, never touched after the insert: what the packed one must answer.
    const mirror = store.collection<Decision>('mirror');
    const docs = (): Decision[] => [
      { _id: 'd1', policy: 'p', at: ['2026-01-03'], facts: { n: [1] } },
      { _id: 'd2', policy: 'p', at: '2026-01-02', facts: { n: [2] } },
    ];
    for (const c of [decisions, mirror]) await c.createIndex({ name: 'by_policy_time', keys: { policy: 1, at: 1 } });
    await mirror.insertMany(docs());
    const given = docs();
    const writing = decisions.insertMany(given);
    given[0]!.facts.n.push(9);
    (given[0]!.at as string[])[0] = '2020-01-01';
    given[0]!.policy = 'q';
    await writing;
    const reads = async (c: typeof decisions) => [await c.find({ policy: 'p' }, { sort: { at: 1 } }), await c.countDocuments({ policy: 'p', at: { $gte: '2026-01-03' } })];
    expect(await reads(decisions)).toEqual(await reads(mirror));
    for (const c of [decisions, mirror]) await c.deleteOne({ _id: 'd1' });
    expect(await reads(decisions)).toEqual(await reads(mirror));
    await store.close();
  });

  it('share what an update did not change with the version before it, also after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-frozen-'));
    let store = await EmbeddedStore.open(dir);
    let customers = store.collection<Customer>('customers');
    await customers.insertOne({ _id: 'c1', name: '星云', profile: { brand: '星云', phones: ['+861'] } });
    const before = await customers.findOne({ _id: 'c1' });
    const after = await customers.findOneAndUpdate({ _id: 'c1' }, { $set: { n: 1 } });
    expect(after!.profile).toBe(before!.profile);
    await store.close();
    store = await EmbeddedStore.open(dir);
    customers = store.collection<Customer>('customers');
    const replayed = await customers.findOne({ _id: 'c1' });
    expect(replayed).toEqual({ _id: 'c1', name: '星云', profile: { brand: '星云', phones: ['+861'] }, n: 1 });
    expect(Object.isFrozen(replayed!.profile.phones)).toBe(true);
    expect(() => replayed!.profile.phones.push('+862')).toThrow(TypeError);
    await store.close();
  });
});
