import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Query } from 'mingo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../../src/store/collection.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

// A filter on one indexed field by equality or `$in` is answered from the index alone, untested (`exactlyIndexed`):
// what it answers must be what mingo's test of every document answers, whatever the field holds and however it changed.
const scalar = fc.oneof(fc.constantFrom('a', 'b', '1', ''), fc.integer({ min: -2, max: 2 }), fc.boolean());
const value = fc.oneof(scalar, fc.constant(null), fc.array(fc.oneof(scalar, fc.constant(null), fc.array(scalar, { maxLength: 2 }), fc.record({ k: scalar })), { maxLength: 3 }), fc.record({ k: scalar }), fc.constant(undefined));
const condition = fc.oneof(scalar, fc.record({ $eq: scalar }), fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }));
const ids = (docs: readonly Doc[]) => docs.map((doc) => doc._id).sort();

let dir: string;
let store: EmbeddedStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exact-index-'));
  // Collections p1, p2 … are kept packed (as audit, decisions and events are): both tables are tried.
  store = await EmbeddedStore.open(dir, { packed: Array.from({ length: 400 }, (_, i) => `p${i}`) });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an equality lookup answered by an index alone', () => {
  it('finds exactly what testing every document finds, after inserts, updates and deletes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 12 }), fc.array(value, { maxLength: 4 }), fc.array(condition, { minLength: 1, maxLength: 4 }), fc.boolean(), async (values, changed, conditions, packed) => {
        run += 1;
        const collection = store.collection(packed ? `p${run}` : `c${run}`);
        await collection.createIndex({ name: 'by_f', keys: { f: 1 } });
        const docs = values.map((f, i) => Object.fromEntries(Object.entries({ _id: `d${i}`, f }).filter(([, v]) => v !== undefined)) as Doc);
        await collection.insertMany(docs);
        // Some change value, one goes: the index must follow.
        for (const [i, f] of changed.entries()) await collection.updateOne({ _id: `d${i}` }, f === undefined ? { $unset: { f: '' } } : { $set: { f } });
        await collection.deleteOne({ _id: `d${values.length - 1}` });
        const all = await collection.find({});
        for (const c of conditions) {
          const filter = { f: c };
          const expected = all.filter((doc) => new Query(filter).test(doc));
          expect(ids(await collection.find(filter))).toEqual(ids(expected));
          expect(ids(await collection.findReadOnly(filter))).toEqual(ids(expected));
          expect(await collection.countDocuments(filter)).toBe(expected.length);
        }
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});

describe('an equality lookup on a value many documents share', () => {
  // Ids sharing a value are a list, which becomes a set when one is removed past 64 (SecondaryIndex): both must answer alike.
  it('finds each document once, and exactly those testing every document finds, through updates and deletes', async () => {
    let run = 0;
    const shared = fc.oneof({ arbitrary: fc.constantFrom('x', 'y', 'z'), weight: 3 }, { arbitrary: fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 4 }), weight: 1 });
    const change = fc.record({ at: fc.nat(), f: fc.oneof(shared, fc.constant(undefined)), remove: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(shared, { minLength: 1, maxLength: 260 }), fc.array(change, { maxLength: 120 }), async (values, changes) => {
        run += 1;
        const collection = store.collection(`many${run}`);
        await collection.createIndex({ name: 'by_f', keys: { f: 1 } });
        await collection.insertMany(values.map((f, i) => ({ _id: `d${i}`, f })));
        for (const { at, f, remove } of changes) {
          const _id = `d${at % values.length}`;
          if (remove) await collection.deleteOne({ _id });
          else await collection.updateOne({ _id }, f === undefined ? { $unset: { f: '' } } : { $set: { f } }, { upsert: true });
        }
        const all = await collection.find({});
        for (const filter of [{ f: 'x' }, { f: 'y' }, { f: { $in: ['x', 'z'] } }]) {
          const expected = ids(all.filter((doc) => new Query(filter).test(doc)));
          expect(ids(await collection.find(filter))).toEqual(expected);
          expect(await collection.countDocuments(filter)).toBe(expected.length);
        }
      }),
      { numRuns: 60, seed: 41 },
    );
  });

  it('drops an id from a list past 64 that one document leaves, and from the set it becomes', async () => {
    const collection = store.collection('many-leaving');
    await collection.createIndex({ name: 'by_f', keys: { f: 1 } });
    await collection.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: `d${i}`, f: 'x' })));
    await collection.updateOne({ _id: 'd5' }, { $set: { f: 'y' } });
    await collection.deleteOne({ _id: 'd7' });
    await collection.updateOne({ _id: 'd9' }, { $set: { f: ['y', 'x', 'x'] } });
    const found = ids(await collection.find({ f: 'x' }));
    expect(found).toHaveLength(98);
    expect(found).not.toContain('d5');
    expect(found).not.toContain('d7');
    expect(ids(await collection.find({ f: 'y' }))).toEqual(['d5', 'd9']);
  });
});

describe('an equality lookup on a packed collection, for a number JSON does not keep', () => {
  // A packed collection keeps each document as JSON, where NaN and ±Infinity become null, while its index was keyed
  // from the document as inserted: the index still lists the id under NaN, even after the field changed.
  it('answers only documents that hold the value', async () => {
    const collection = store.collection('p399');
    await collection.createIndex({ name: 'by_f', keys: { f: 1 } });
    await collection.insertMany([
      { _id: 'nan', f: Number.NaN },
      { _id: 'inf', f: Number.POSITIVE_INFINITY },
    ]);
    await collection.updateOne({ _id: 'nan' }, { $set: { f: 'x' } });
    const all = await collection.find({});
    for (const filter of [{ f: Number.NaN }, { f: Number.POSITIVE_INFINITY }, { f: { $in: [Number.NaN, Number.POSITIVE_INFINITY] } }]) {
      const expected = all.filter((doc) => new Query(filter).test(doc));
      expect(ids(await collection.find(filter))).toEqual(ids(expected));
      expect(await collection.countDocuments(filter)).toBe(expected.length);
    }
  });
});
