import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { MongoStore } from '../../src/store/mongo/mongoStore.js';
import type { Collection, Doc, Store } from '../../src/store/collection.js';
import { StoreError } from '../../src/store/storeError.js';
import { Leases } from '../../src/domain/jobs/leases.js';

// One contract, every store: always the embedded one; MongoDB when MONGODB_URI is set.
const MONGODB_URI = process.env['MONGODB_URI'];
if (!MONGODB_URI) console.log('store contract: MongoDB skipped: set MONGODB_URI to run this suite against a MongoDB server too');

interface Target {
  name: string;
  open(): Promise<Store>;
}

const targets: Target[] = [
  { name: 'embedded', open: () => EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-store-'))) },
  {
    name: 'mongodb',
    open: async () => MongoStore.connect(MONGODB_URI!, `crm_policy_contract_${process.pid}_${Date.now()}`),
  },
];

type Claim = Doc & { customerId: string; repId: string; status: string; n?: number; tags?: string[]; at?: string };

describe.each(targets)('store contract: $name', (target) => {
  const skip = target.name === 'mongodb' && !MONGODB_URI;
  let store: Store;
  let claims: Collection<Claim>;
  const opened: Store[] = [];

  beforeEach(async (context) => {
    if (skip) return context.skip();
    store = await target.open();
    opened.push(store);
    claims = store.collection<Claim>('claims');
  });

  afterAll(async () => {
    for (const s of opened) {
      if (s instanceof MongoStore) await s.dropDatabase();
      await s.close();
    }
  });

  const seed = async () => {
    for (let i = 0; i < 6; i += 1) {
      await claims.insertOne({ _id: `c${i}`, customerId: `cust${i % 3}`, repId: `rep${i % 2}`, status: i < 3 ? 'active' : 'released', n: i, tags: i % 2 ? ['a', 'b'] : ['b'], at: `2026-0${i + 1}-01T00:00:00.000Z` });
    }
  };

  it('inserts and finds with query operators', async () => {
    await seed();
    expect((await claims.findOne({ _id: 'c2' }))?.customerId).toBe('cust2');
    expect((await claims.find({ n: { $gte: 2, $lt: 5 } })).map((d) => d._id).sort()).toEqual(['c2', 'c3', 'c4']);
    expect((await claims.find({ $or: [{ repId: 'rep1', status: 'active' }, { n: 0 }] })).map((d) => d._id).sort()).toEqual(['c0', 'c1']);
    expect((await claims.find({ tags: 'a' })).length).toBe(3);
    expect((await claims.find({ customerId: { $in: ['cust0', 'cust2'] }, status: 'active' })).map((d) => d._id).sort()).toEqual(['c0', 'c2']);
    expect((await claims.find({ at: { $lt: '2026-03-01' } })).length).toBe(2);
    expect(await claims.findOne({ _id: 'none' })).toBeNull();
    expect(await claims.countDocuments({ status: 'active' })).toBe(3);
    expect(await claims.countDocuments()).toBe(6);
  });

  it('sorts, skips, limits and projects', async () => {
    await seed();
    const page = await claims.find({}, { sort: { n: -1 }, skip: 1, limit: 2, projection: { n: 1 } });
    expect(page).toEqual([{ _id: 'c4', n: 4 }, { _id: 'c3', n: 3 }]);
  });

  it('reads for readers that change nothing what find returns, with limits, skips, projections and sorts', async () => {
    await seed();
    const reads: Array<[Record<string, unknown>, Parameters<typeof claims.find>[1]]> = [
      [{ tags: 'b' }, {}],
      [{ status: 'active' }, { limit: 2, projection: { n: 1, tags: 1 } }],
      [{ repId: { $in: ['rep0', 'rep1'] } }, { skip: 1, limit: 3, projection: { n: 1, missing: 1 } }],
      [{ customerId: 'cust1' }, { projection: { status: 1 } }],
      [{}, { sort: { n: -1 }, limit: 2, projection: { n: 1 } }],
      [{ n: { $gt: 10 } }, { limit: 5 }],
    ];
    for (const [filter, options] of reads) expect(await claims.findReadOnly(filter, options), JSON.stringify([filter, options])).toEqual(await claims.find(filter, options));
  });

  it('sorts across types and on several keys as MongoDB does: missing and null, then numbers, then strings by code', async () => {
    const mixed = store.collection('mixedSort');
    await mixed.insertMany([
      { _id: 'm1', g: 1, k: 'b' },
      { _id: 'm2', g: 1, k: 10 },
      { _id: 'm3', g: 1 },
      { _id: 'm4', g: 1, k: 'B' },
      { _id: 'm5', g: 1, k: 3 },
      { _id: 'm6', g: 0, k: 'z' },
      { _id: 'm7', g: 1, k: 2.5 },
    ]);
    const ids = async (sort: Record<string, 1 | -1>) => (await mixed.find({}, { sort })).map((d) => d._id);
    expect(await ids({ g: 1, k: 1 })).toEqual(['m6', 'm3', 'm7', 'm5', 'm2', 'm4', 'm1']);
    expect(await ids({ g: -1, k: -1, _id: 1 })).toEqual(['m1', 'm4', 'm2', 'm5', 'm7', 'm3', 'm6']);
    expect((await mixed.find({ g: 1 }, { sort: { k: 1 }, skip: 2, limit: 2, projection: { k: 1 } }))).toEqual([{ _id: 'm5', k: 3 }, { _id: 'm2', k: 10 }]);
  });

  it('pages through ranges sorted as an index orders them, either way, with skips, limits and ties on the sort key', async () => {
    type Decision = Doc & { policy: string; at?: string | number | null; n: number };
    const log = store.collection<Decision>('decisionPages');
    await log.createIndex({ name: 'by_policy_time', keys: { policy: 1, at: 1 } });
    await log.createIndex({ name: 'by_time', keys: { at: -1 } });
    // Two policies; several decisions at each instant; ids not in time order; a few times that are no string.
    const docs: Decision[] = Array.from({ length: 30 }, (_, i) => ({ _id: `e${String((i * 7) % 30).padStart(2, '0')}`, policy: i % 3 === 0 ? 'b' : 'a', at: `2026-01-0${1 + Math.floor(i / 6)}`, n: i }));
    docs.push({ _id: 'x-null', policy: 'a', at: null, n: 30 }, { _id: 'x-none', policy: 'a', n: 31 }, { _id: 'x-num', policy: 'a', at: 5, n: 32 });
    await log.insertMany(docs);
    // MongoDB's order for these values: missing and null, then numbers, then strings.
    const rank = (v: unknown) => (v === undefined || v === null ? 0 : typeof v === 'number' ? 1 : 2);
    const byTime = (a: Decision, b: Decision) => rank(a.at) - rank(b.at) || (a.at === b.at || rank(a.at) === 0 ? 0 : a.at! < b.at! ? -1 : 1);
    const byId = (a: Decision, b: Decision) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
    const ids = (found: Decision[]) => found.map((d) => d._id);
    const pages = [[0, 4], [3, 4], [4, 100], [0, 0], [40, 2]] as const;
    const from = '2026-01-02';
    const to = '2026-01-05';
    const inRange = (d: Decision) => d.policy === 'a' && typeof d.at === 'string' && d.at >= from && d.at < to;
    const forwards = docs.filter(inRange).sort((a, b) => byTime(a, b) || byId(a, b));
    const backwards = [...docs].filter(inRange).sort((a, b) => byTime(b, a) || byId(b, a));
    for (const [skip, limit] of pages) {
      const slice = (all: Decision[]) => ids(all.slice(skip, limit ? skip + limit : undefined));
      expect(ids(await log.find({ policy: 'a', at: { $gte: from, $lt: to } }, { sort: { at: 1, _id: 1 }, skip, limit })), `forwards ${skip}+${limit}`).toEqual(slice(forwards));
      expect(ids(await log.find({ policy: 'a', at: { $gte: from, $lt: to } }, { sort: { at: -1, _id: -1 }, skip, limit })), `backwards ${skip}+${limit}`).toEqual(slice(backwards));
    }
    // A reader that changes nothing is answered the same pages.
    for (const options of [{ sort: { at: 1, _id: 1 }, skip: 2, limit: 5 }, { sort: { at: -1, _id: -1 }, projection: { at: 1 } }] as const) {
      expect(await log.findReadOnly({ policy: 'a', at: { $gte: from } }, options)).toEqual(await log.find({ policy: 'a', at: { $gte: from } }, options));
    }
    // Open and closed ends; bounds of one type match no other.
    const between = (low: string, high: string) => ids(docs.filter((d) => d.policy === 'a' && typeof d.at === 'string' && d.at > low && d.at <= high).sort((a, b) => byTime(a, b) || byId(a, b)));
    expect(ids(await log.find({ policy: 'a', at: { $gt: '2026-01-01', $lte: '2026-01-03' } }, { sort: { at: 1, _id: 1 } }))).toEqual(between('2026-01-01', '2026-01-03'));
    expect(ids(await log.find({ policy: 'a', at: { $gt: 1 } }, { sort: { at: 1 }, limit: 3 }))).toEqual(['x-num']);
    // With no range, missing and null first (tied, then by _id), then numbers, then strings.
    expect(ids(await log.find({ policy: 'a' }, { sort: { at: 1, _id: 1 }, limit: 4 }))).toEqual(ids(docs.filter((d) => d.policy === 'a').sort((a, b) => byTime(a, b) || byId(a, b)).slice(0, 4)));
    // Newest first, filtered on another field (the audit listing's shape): ties in an order of the store's choosing, so times are compared.
    const newest = docs.filter((d) => d.n % 2 === 0).sort((a, b) => byTime(b, a));
    for (const [skip, limit] of pages) {
      const page = await log.find({ n: { $in: docs.map((d) => d.n).filter((n) => n % 2 === 0) } }, { sort: { at: -1 }, skip, limit });
      expect(page.map((d) => d.at ?? null), `newest ${skip}+${limit}`).toEqual(newest.slice(skip, limit ? skip + limit : undefined).map((d) => d.at ?? null));
    }
  });

  it('answers reads as JSON text, each document as find answers it, from a plain collection and a packed one (the decision log)', async () => {
    type Decision = Doc & { policy: string; at: string; n: number; facts: { region: string } };
    const docs: Decision[] = Array.from({ length: 40 }, (_, i) => ({ _id: `d${String((i * 11) % 40).padStart(2, '0')}`, policy: i % 4 === 0 ? 'b' : 'a', at: `2026-01-${String(1 + Math.floor(i / 5)).padStart(2, '0')}`, n: i, facts: { region: `44030${i % 7}` } }));
    for (const name of ['decisionPages', 'decisions']) {
      const log = store.collection<Decision>(name);
      await log.createIndex({ name: 'by_policy_time', keys: { policy: 1, at: 1 } });
      await log.insertMany(docs);
      const reads = [
        [{ policy: 'a', at: { $gte: '2026-01-02', $lt: '2026-01-06' } }, { sort: { at: 1, _id: 1 } }],
        [{ policy: 'a', at: { $gte: '2026-01-02' } }, { sort: { at: 1, _id: 1 }, skip: 3, limit: 4 }],
        [{ policy: 'a', at: { $gte: '2026-01-02' } }, { sort: { at: -1, _id: -1 }, limit: 5, projection: { at: 1, 'facts.region': 1 } }],
        [{ n: { $gt: 30 } }, {}],
        [{ policy: 'c' }, { sort: { at: 1 } }],
      ] as const;
      for (const [filter, options] of reads) {
        const texts = await log.findJson(filter, options);
        expect(texts.every((text) => typeof text === 'string')).toBe(true);
        expect(texts.map((text) => JSON.parse(text) as unknown), `${name} ${JSON.stringify([filter, options])}`).toEqual(await log.find(filter, options));
      }
    }
  });

  it('returns copies: changing a result changes nothing stored', async () => {
    await seed();
    const doc = (await claims.findOne({ _id: 'c0' }))!;
    doc.status = 'tampered';
    expect((await claims.findOne({ _id: 'c0' }))!.status).toBe('active');
  });

  it('keeps what it stored whatever a caller does to a returned document, nested parts too', async () => {
    const docs = store.collection<Doc & { profile: { name: string; phones: string[] } }>('profiles');
    await docs.insertOne({ _id: 'p1', profile: { name: '星云', phones: ['+861'] } });
    for (const read of [() => docs.findOne({ _id: 'p1' }), async () => (await docs.find({}))[0]!, () => docs.findOneAndUpdate({ _id: 'p1' }, { $set: { seen: true } })]) {
      const doc = (await read())!;
      // MongoDB hands out copies; the embedded store refuses a change to a nested part (copy it first). Neither changes what is stored.
      const attempts = [() => doc.profile.phones.push('+862'), () => (doc.profile.name = '改'), () => delete (doc as Partial<typeof doc>).profile];
      for (const attempt of attempts) {
        try {
          attempt();
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
      }
      expect((await docs.findOne({ _id: 'p1' }))!.profile).toEqual({ name: '星云', phones: ['+861'] });
    }
  });

  it('keeps what it stored when a caller changes a document it inserted or a value it passed to an update', async () => {
    const docs = store.collection<Doc & { profile: { name: string; phones: string[] }; tags?: string[] }>('profiles');
    const inserted = { _id: 'p1', profile: { name: '星云', phones: ['+861'] } };
    await docs.insertOne(inserted);
    const many = [{ _id: 'p2', profile: { name: '远航', phones: [] as string[] } }];
    await docs.insertMany(many);
    inserted.profile.phones.push('+862');
    inserted.profile.name = '改';
    many[0]!.profile.phones.push('+863');
    const tags = ['a'];
    await docs.updateOne({ _id: 'p1' }, { $set: { tags } });
    tags.push('b');
    expect(await docs.findOne({ _id: 'p1' })).toEqual({ _id: 'p1', profile: { name: '星云', phones: ['+861'] }, tags: ['a'] });
    expect(await docs.findOne({ _id: 'p2' })).toEqual({ _id: 'p2', profile: { name: '远航', phones: [] } });
  });

  it('increments as MongoDB does: a missing field, a nested path, with $set beside it, and on upsert', async () => {
    const counters = store.collection<Doc & Record<string, unknown>>('counters');
    await counters.insertOne({ _id: 'k', n: 1, totals: { a: 2 }, note: 'x' });
    await counters.updateOne({ _id: 'k' }, { $inc: { n: 2, missing: 5, 'totals.a': -3, 'totals.b': 1.5, 'deep.er.c': 1 }, $set: { 'totals.label': 'T', note: 'y' } });
    expect(await counters.findOne({ _id: 'k' })).toEqual({ _id: 'k', n: 3, totals: { a: -1, b: 1.5, label: 'T' }, note: 'y', missing: 5, deep: { er: { c: 1 } } });
    await counters.updateOne({ _id: 'k' }, { $unset: { 'totals.b': '', 'nothing.here': '' }, $set: { 'deep.er.d': [1] } });
    expect(await counters.findOne({ _id: 'k' })).toEqual({ _id: 'k', n: 3, totals: { a: -1, label: 'T' }, note: 'y', missing: 5, deep: { er: { c: 1, d: [1] } } });
    expect(await counters.findOneAndUpdate({ _id: 'new', kind: 'turns' }, { $inc: { 'by.day': 1, turn: 3 }, $setOnInsert: { since: 'now' } }, { upsert: true })).toEqual({ _id: 'new', kind: 'turns', by: { day: 1 }, turn: 3, since: 'now' });
    await counters.updateOne({ _id: 'new' }, { $inc: { turn: 1 }, $setOnInsert: { since: 'never' } }, { upsert: true });
    expect(await counters.findOne({ _id: 'new' })).toEqual({ _id: 'new', kind: 'turns', by: { day: 1 }, turn: 4, since: 'now' });
    expect((await counters.updateOne({ _id: 'up' }, { $inc: { n: 1 } }, { upsert: true })).upsertedId).toBe('up');
    expect(await counters.findOne({ _id: 'up' })).toEqual({ _id: 'up', n: 1 });
  });

  it('updates with operators, and upserts with $setOnInsert', async () => {
    await seed();
    expect(await claims.updateOne({ _id: 'c0' }, { $set: { status: 'expired' }, $inc: { n: 10 }, $push: { tags: 'z' } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await claims.findOne({ _id: 'c0' })).toMatchObject({ status: 'expired', n: 10, tags: ['b', 'z'] });
    expect(await claims.updateOne({ _id: 'nope' }, { $set: { n: 1 } })).toMatchObject({ matchedCount: 0, modifiedCount: 0 });
    const upserted = await claims.updateOne({ _id: 'u1', customerId: 'cust9' }, { $set: { status: 'active' }, $setOnInsert: { repId: 'rep7' } }, { upsert: true });
    expect(upserted.upsertedId).toBe('u1');
    expect(await claims.findOne({ _id: 'u1' })).toEqual({ _id: 'u1', customerId: 'cust9', status: 'active', repId: 'rep7' });
    await claims.updateOne({ _id: 'u1' }, { $set: { status: 'released' }, $setOnInsert: { repId: 'never' } }, { upsert: true });
    expect((await claims.findOne({ _id: 'u1' }))!.repId).toBe('rep7');
    expect(await claims.updateMany({ status: 'released' }, { $set: { status: 'archived' } })).toMatchObject({ matchedCount: 4 });
    expect(await claims.countDocuments({ status: 'archived' })).toBe(4);
  });

  it('refuses an upsert that would insert an _id that exists (the rest of its filter did not match)', async () => {
    await seed();
    await expect(claims.updateOne({ _id: 'c0', status: 'nope' }, { $set: { repId: 'taken' } }, { upsert: true })).rejects.toMatchObject({ code: 'duplicate-key' });
    await expect(claims.findOneAndUpdate({ _id: 'c0', $or: [{ repId: 'nobody' }, { n: { $lt: -1 } }] }, { $set: { repId: 'taken' } }, { upsert: true })).rejects.toMatchObject({ code: 'duplicate-key' });
    expect((await claims.findOne({ _id: 'c0' }))!.repId).not.toBe('taken');
  });

  it('gives a lease to one holder at a time, and to another once it runs out', async () => {
    const now = { at: new Date('2026-11-23T08:00:00Z') };
    const [first, second] = [new Leases(store, () => now.at), new Leases(store, () => now.at)];
    expect(await first.acquire('job:x', 10_000)).toBe(true);
    expect(await second.acquire('job:x', 10_000)).toBe(false);
    expect(await first.acquire('job:x', 10_000)).toBe(true);
    now.at = new Date(now.at.getTime() + 10_001);
    expect(await second.acquire('job:x', 10_000)).toBe(true);
    expect(await first.acquire('job:x', 10_000)).toBe(false);
    await second.release('job:x');
    expect(await first.acquire('job:x', 10_000)).toBe(true);
  });

  it('refuses a replacement document where an update is required', async () => {
    await seed();
    await expect(claims.updateOne({ _id: 'c0' }, { status: 'x' })).rejects.toBeInstanceOf(Error);
    expect((await claims.findOne({ _id: 'c0' }))!.status).toBe('active');
  });

  it('finds and updates atomically, returning either version', async () => {
    await seed();
    const before = await claims.findOneAndUpdate({ status: 'active' }, { $set: { status: 'taken' } }, { sort: { n: -1 }, returnDocument: 'before' });
    expect(before).toMatchObject({ _id: 'c2', status: 'active' });
    const after = await claims.findOneAndUpdate({ _id: 'c1' }, { $inc: { n: 1 } });
    expect(after).toMatchObject({ _id: 'c1', n: 2 });
    expect(await claims.findOneAndUpdate({ _id: 'none' }, { $set: { n: 1 } })).toBeNull();
    const counters = store.collection<Doc & { value: number }>('counters');
    await Promise.all(Array.from({ length: 50 }, () => counters.findOneAndUpdate({ _id: 'seq' }, { $inc: { value: 1 } }, { upsert: true })));
    expect((await counters.findOne({ _id: 'seq' }))!.value).toBe(50);
  });

  it('enforces a unique index, reporting duplicate-key', async () => {
    await seed();
    await expect(claims.insertOne({ _id: 'c0', customerId: 'x', repId: 'y', status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    const users = store.collection<Doc & { username?: string }>('users');
    await users.createIndex({ name: 'username_unique', keys: { username: 1 }, unique: true });
    await users.insertOne({ _id: 'u1', username: 'li' });
    const error = await users.insertOne({ _id: 'u2', username: 'li' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'duplicate-key' });
    await users.insertOne({ _id: 'u3' });
    await expect(users.insertOne({ _id: 'u4' })).rejects.toMatchObject({ code: 'duplicate-key' });
    await expect(users.updateOne({ _id: 'u3' }, { $set: { username: 'li' } })).rejects.toMatchObject({ code: 'duplicate-key' });
    expect((await users.findOne({ _id: 'u3' }))!.username).toBeUndefined();
  });

  it('enforces one active claim per customer with a partial unique index', async () => {
    await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
    await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
    await claims.insertOne({ _id: 'a', customerId: 'k', repId: 'r1', status: 'active' });
    await claims.insertOne({ _id: 'b', customerId: 'k', repId: 'r2', status: 'released' });
    await expect(claims.insertOne({ _id: 'c', customerId: 'k', repId: 'r3', status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    await expect(claims.updateOne({ _id: 'b' }, { $set: { status: 'active' } })).rejects.toMatchObject({ code: 'duplicate-key' });
    await claims.updateOne({ _id: 'a' }, { $set: { status: 'expired' } });
    await claims.updateOne({ _id: 'b' }, { $set: { status: 'active' } });
    expect(await claims.countDocuments({ customerId: 'k', status: 'active' })).toBe(1);
  });

  it('lets exactly one of many concurrent claims on a customer win', async () => {
    await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => claims.insertOne({ _id: `race${i}`, customerId: 'hot', repId: `r${i}`, status: 'active' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && (r.reason as StoreError).code === 'duplicate-key')).toHaveLength(19);
    expect(await claims.countDocuments({ customerId: 'hot' })).toBe(1);
  });

  it('inserts many documents at once; with a duplicate key, the embedded store inserts none, MongoDB (ordered) those before it', async () => {
    const users = store.collection<Doc & { username: string }>('users');
    await users.createIndex({ name: 'username_unique', keys: { username: 1 }, unique: true });
    expect(await users.insertMany([{ _id: 'a', username: 'a' }, { _id: 'b', username: 'b' }])).toBe(2);
    await expect(users.insertMany([{ _id: 'c', username: 'c' }, { _id: 'd', username: 'a' }, { _id: 'e', username: 'e' }])).rejects.toMatchObject({ code: 'duplicate-key' });
    expect(await users.countDocuments({ username: 'b' })).toBe(1);
    expect(await users.countDocuments({ username: 'd' })).toBe(0);
    expect(await users.countDocuments({ username: 'e' })).toBe(0);
    // A deliberate difference: the embedded store writes an insertMany as one entry, all or nothing; MongoDB's ordered insert keeps what came before the failure.
    expect(await users.countDocuments({ username: 'c' })).toBe(target.name === 'embedded' ? 0 : 1);
  });

  it('refuses a unique index the existing documents break', async () => {
    await seed();
    await expect(claims.createIndex({ name: 'rep_unique', keys: { repId: 1 }, unique: true })).rejects.toMatchObject({ code: 'duplicate-key' });
  });

  it('lists the indexes created, as specified, without MongoDB\'s own _id_ index', async () => {
    expect(await store.collection('never_written').listIndexes()).toEqual([]);
    await seed();
    const partial = { name: 'one_active_claim_per_customer', keys: { customerId: 1 as const }, unique: true, partialFilterExpression: { status: 'active' } };
    const compound = { name: 'claims_by_rep', keys: { repId: 1 as const, at: -1 as const } };
    await claims.createIndex(partial);
    await claims.createIndex(compound);
    const listed = await claims.listIndexes();
    expect(listed.sort((a, b) => a.name.localeCompare(b.name))).toEqual([compound, partial]);
    // What it answers is the caller's: changing it changes no index.
    listed[0]!.keys['other'] = 1;
    expect(await claims.listIndexes()).toContainEqual(compound);
  });

  it('deletes', async () => {
    await seed();
    expect(await claims.deleteOne({ _id: 'c0' })).toEqual({ deletedCount: 1 });
    expect(await claims.deleteMany({ status: 'released' })).toEqual({ deletedCount: 3 });
    expect(await claims.countDocuments()).toBe(2);
  });

  it('runs aggregation pipelines', async () => {
    await seed();
    const byRep = await claims.aggregate([
      { $match: { status: 'active' } },
      { $group: { _id: '$repId', count: { $sum: 1 }, total: { $sum: '$n' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(byRep).toEqual([{ _id: 'rep0', count: 2, total: 2 }, { _id: 'rep1', count: 1, total: 1 }]);
  });

  describe('writeAtomically', () => {
    type Load = Doc & { active?: number };
    /** Whether this store makes a group all or nothing (a standalone MongoDB server makes its writes one after another). */
    const atomic = async (context: { skip: (note?: string) => void }) => {
      if ((await store.health()).detail['atomicWrites'] === 'in turn (standalone server: no transactions)') {
        console.log('store contract: all-or-nothing skipped: this MongoDB server is standalone (no transactions); use a replica set');
        context.skip();
      }
    };

    it('makes writes to several collections and answers each one’s result', async () => {
      await seed();
      const results = await store.writeAtomically([
        { collection: 'claims', insertOne: { document: { _id: 'new', customerId: 'cust9', repId: 'rep0', status: 'active' } } },
        { collection: 'claims', updateOne: { filter: { _id: 'c0' }, update: { $set: { status: 'released' } }, mustMatch: true } },
        { collection: 'claims', updateMany: { filter: { repId: 'rep1' }, update: { $inc: { n: 10 } } } },
        { collection: 'loads', updateOne: { filter: { _id: 'rep0' }, update: { $inc: { active: 1 } }, upsert: true } },
        { collection: 'claims', deleteOne: { filter: { _id: 'c5' } } },
        { collection: 'claims', updateOne: { filter: { _id: 'none' }, update: { $set: { n: 1 } } } },
      ]);
      expect(results).toEqual([
        { matchedCount: 0, modifiedCount: 0 },
        { matchedCount: 1, modifiedCount: 1 },
        { matchedCount: 3, modifiedCount: 3 },
        { matchedCount: 0, modifiedCount: 0, upsertedId: 'rep0' },
        { matchedCount: 1, modifiedCount: 1 },
        { matchedCount: 0, modifiedCount: 0 },
      ]);
      expect(await claims.findOne({ _id: 'new' })).toMatchObject({ customerId: 'cust9' });
      expect((await claims.findOne({ _id: 'c0' }))!.status).toBe('released');
      // c5 had its increment, then was deleted.
      expect((await claims.find({ repId: 'rep1' }, { sort: { _id: 1 } })).map((c) => c.n)).toEqual([11, 13]);
      expect(await store.collection<Load>('loads').findOne({ _id: 'rep0' })).toEqual({ _id: 'rep0', active: 1 });
      expect(await claims.findOne({ _id: 'c5' })).toBeNull();
    });

    it('writes the same document several times in one group, each write seeing the ones before', async () => {
      await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
      await claims.insertOne({ _id: 'old', customerId: 'k', repId: 'r1', status: 'active' });
      // The old claim ends before its successor is inserted: the partial unique index sees them in order.
      await store.writeAtomically([
        { collection: 'claims', updateOne: { filter: { _id: 'old', status: 'active' }, update: { $set: { status: 'transferred' } }, mustMatch: true } },
        { collection: 'claims', insertOne: { document: { _id: 'next', customerId: 'k', repId: 'r2', status: 'active', n: 1 } } },
        { collection: 'claims', updateOne: { filter: { _id: 'next' }, update: { $inc: { n: 1 } } } },
        { collection: 'claims', updateOne: { filter: { _id: 'next', n: 2 }, update: { $push: { tags: 'seen' } }, mustMatch: true } },
      ]);
      expect(await claims.find({ customerId: 'k' }, { sort: { _id: 1 } })).toEqual([
        { _id: 'next', customerId: 'k', repId: 'r2', status: 'active', n: 2, tags: ['seen'] },
        { _id: 'old', customerId: 'k', repId: 'r1', status: 'transferred' },
      ]);
    });

    it('writes nothing when a write breaks a unique index, and names the index', async (context) => {
      await atomic(context);
      await seed();
      await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
      const before = await claims.find({}, { sort: { _id: 1 } });
      const error = await store
        .writeAtomically([
          { collection: 'loads', updateOne: { filter: { _id: 'rep0' }, update: { $inc: { active: 1 } }, upsert: true } },
          { collection: 'claims', updateOne: { filter: { _id: 'c0' }, update: { $set: { n: 100 } } } },
          { collection: 'claims', insertOne: { document: { _id: 'fresh', customerId: 'cust9', repId: 'rep0', status: 'active' } } },
          { collection: 'claims', insertOne: { document: { _id: 'twin', customerId: 'cust1', repId: 'rep0', status: 'active' } } },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'duplicate-key', detail: { index: 'one_active_claim_per_customer' } });
      expect(await claims.find({}, { sort: { _id: 1 } })).toEqual(before);
      expect(await store.collection('loads').findOne({ _id: 'rep0' })).toBeNull();
    });

    it('writes nothing when a write that must match a document matches none, and names the write', async (context) => {
      await atomic(context);
      await seed();
      const before = await claims.find({}, { sort: { _id: 1 } });
      for (const failing of [
        { collection: 'claims', updateOne: { filter: { _id: 'c3', status: 'active' }, update: { $set: { status: 'expired' } }, mustMatch: true } },
        { collection: 'claims', deleteOne: { filter: { _id: 'none' }, mustMatch: true } },
      ]) {
        const error = await store
          .writeAtomically([
            { collection: 'audit', insertOne: { document: { _id: 'entry', action: 'x' } } },
            { collection: 'claims', updateOne: { filter: { _id: 'c0' }, update: { $set: { status: 'transferred' } }, mustMatch: true } },
            failing,
          ])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: 'write-conflict', detail: { collection: 'claims', write: 2 } });
        expect(await claims.find({}, { sort: { _id: 1 } })).toEqual(before);
        expect(await store.collection('audit').countDocuments()).toBe(0);
      }
    });

    it('lets one of two groups that end the same claim and grant its successor win', async (context) => {
      await atomic(context);
      await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
      await claims.insertOne({ _id: 'held', customerId: 'k', repId: 'r0', status: 'active' });
      const move = (to: string) =>
        store.writeAtomically([
          { collection: 'claims', updateOne: { filter: { _id: 'held', status: 'active' }, update: { $set: { status: 'transferred' } }, mustMatch: true } },
          { collection: 'claims', insertOne: { document: { _id: `to-${to}`, customerId: 'k', repId: to, status: 'active' } } },
        ]);
      const results = await Promise.allSettled([move('r1'), move('r2')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [lost] = results.filter((r) => r.status === 'rejected');
      expect(['write-conflict', 'duplicate-key']).toContain(((lost as PromiseRejectedResult).reason as StoreError).code);
      expect(await claims.countDocuments({ customerId: 'k' })).toBe(2);
      expect(await claims.countDocuments({ customerId: 'k', status: 'active' })).toBe(1);
    });
  });

  it('reports its health', async () => {
    const health = await store.health();
    expect(health).toMatchObject({ kind: target.name, ok: true });
  });
});
