import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Query } from 'mingo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../../src/store/collection.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { StoreError } from '../../src/store/storeError.js';

// A unique index keys a scalar by itself and anything else by its text; equality on its field is read from it.
// The reference is the rule it keeps: each value (each element of an array; null for none) as JSON writes it,
// so NaN, ±Infinity, null and a missing field are one key; 1 and '1', true and 'true' are two.
const scalar = fc.constantFrom<unknown>('a', 'b', '1', 'true', 'null', '', '\u0000a', '\u0000\u0000a', '\u0000"a"', '["a"]', 1, 0, -0, Number.NaN, Number.POSITIVE_INFINITY, true, false, null);
const value = fc.oneof(scalar, fc.constant(undefined), fc.record({ k: scalar }), fc.array(fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.record({ k: scalar })), { maxLength: 3 }));
const condition = fc.oneof(scalar.filter((v) => v !== null), fc.record({ $in: fc.array(scalar.filter((v) => v !== null), { maxLength: 3 }) }));
const step = fc.record({ kind: fc.constantFrom('insert', 'set', 'delete'), id: fc.integer({ min: 0, max: 5 }), f: value });

const referenceKeys = (doc: Doc): string[] => {
  const f = doc['f'];
  const values = Array.isArray(f) ? (f.length === 0 ? [null] : f) : [f];
  return [...new Set(values.map((v) => JSON.stringify([v ?? null])))];
};
const withF = (id: string, f: unknown): Doc => (f === undefined ? { _id: id } : { _id: id, f });
const ids = (docs: readonly Doc[]) => docs.map((doc) => doc._id).sort();

let dir: string;
let store: EmbeddedStore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'unique-keys-'));
  store = await EmbeddedStore.open(dir, { packed: Array.from({ length: 300 }, (_, i) => `p${i}`) });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a unique index', () => {
  it('refuses exactly the documents whose keys another holds, and answers equality as testing every document does', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.array(condition, { minLength: 1, maxLength: 3 }), fc.boolean(), async (steps, conditions, packed) => {
        run += 1;
        const collection = store.collection(packed ? `p${run}` : `c${run}`);
        await collection.createIndex({ name: 'f_unique', keys: { f: 1 }, unique: true });
        const model = new Map<string, Doc>();
        const clashes = (doc: Doc) => [...model.values()].some((other) => other._id !== doc._id && referenceKeys(other).some((key) => referenceKeys(doc).includes(key)));
        for (const { kind, id: n, f } of steps) {
          const id = `d${n}`;
          if (kind === 'delete') {
            await collection.deleteOne({ _id: id });
            model.delete(id);
            continue;
          }
          if (kind === 'insert' && model.has(id)) continue;
          const next = withF(id, f);
          if (kind === 'set' && !model.has(id)) continue;
          const write = kind === 'insert' ? collection.insertOne(next) : collection.updateOne({ _id: id }, f === undefined ? { $unset: { f: '' } } : { $set: { f } });
          if (clashes(next)) {
            await expect(write).rejects.toMatchObject({ code: 'duplicate-key' });
          } else {
            await write;
            model.set(id, next);
          }
        }
        const all = await collection.find({});
        expect(ids(all)).toEqual([...model.keys()].sort());
        for (const c of conditions) {
          const filter = { f: c };
          const expected = ids(all.filter((doc) => new Query(filter).test(doc)));
          expect(ids(await collection.find(filter))).toEqual(expected);
          expect(await collection.countDocuments(filter)).toBe(expected.length);
        }
      }),
      { numRuns: 250, seed: 23 },
    );
  });

  it('keeps its keys across a restart, and reports the value a duplicate holds', async () => {
    const collection = store.collection('restarted');
    await collection.createIndex({ name: 'f_unique', keys: { f: 1 }, unique: true });
    await collection.insertMany([withF('str', '1'), withF('num', 1), withF('obj', { k: 'a' }), withF('marked', '\u0000a'), withF('nan', Number.NaN), withF('arr', ['x', 'y'])]);
    await store.close();
    store = await EmbeddedStore.open(dir, { packed: Array.from({ length: 300 }, (_, i) => `p${i}`) });
    const reopened = store.collection('restarted');
    const refused = async (doc: Doc): Promise<unknown> => {
      const error = await reopened.insertOne(doc).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      return (error as StoreError).detail['key'];
    };
    expect(await refused(withF('b', '1'))).toEqual(['1']);
    expect(await refused(withF('c', 1))).toEqual([1]);
    expect(await refused(withF('d', { k: 'a' }))).toEqual([{ k: 'a' }]);
    expect(await refused(withF('e', '\u0000a'))).toEqual(['\u0000a']);
    // NaN was written as null: the missing field is the same key.
    expect(await refused({ _id: 'f' })).toEqual([null]);
    expect(await refused(withF('g', ['z', 'y']))).toEqual(['y']);
    await reopened.insertOne(withF('h', 'true'));
    await reopened.insertOne(withF('i', true));
    expect(ids(await reopened.find({ f: 'x' }))).toEqual(['arr']);
    expect(ids(await reopened.find({ f: { $in: ['1', 1, 'y', true] } }))).toEqual(['arr', 'i', 'num', 'str']);
  });
});
