import fc from 'fast-check';
import { update as mingoUpdate } from 'mingo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { nativeUpdate } from '../../src/store/embedded/nativeUpdate.js';
import type { Doc } from '../../src/store/collection.js';

// Counting mingo's update shows which updates the embedded store applies without it.
vi.mock('mingo', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  return { ...actual, update: vi.fn(actual['update'] as (...args: unknown[]) => unknown) };
});

const field = fc.constantFrom('a', 'b', 'n');
const path = fc.array(field, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const leaf = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom('s', ''), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small' }, leaf, fc.dictionary(field, tie('node'), { maxKeys: 3 })) })).node;
const update = fc.record(
  { $set: fc.dictionary(path, leaf, { maxKeys: 2 }), $inc: fc.dictionary(path, fc.integer({ min: -3, max: 3 }), { maxKeys: 2 }), $unset: fc.dictionary(path, fc.constant(''), { maxKeys: 2 }) },
  { requiredKeys: [] },
);

describe('nativeUpdate', () => {
  it('agrees with mingo on every update it takes, on random documents', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.dictionary(field, tree, { maxKeys: 3 }), update, fc.boolean(), (fields, change, inserting) => {
        const doc = { ...fields, _id: 'd' } as Doc;
        const native = nativeUpdate(doc, change, inserting);
        if (!native) return;
        taken += 1;
        const expected = structuredClone(doc);
        mingoUpdate(expected, change as never, undefined, undefined, { cloneMode: 'deep' });
        expect(native).toEqual(expected);
      }),
      { numRuns: 3000, seed: 21 },
    );
    // Most random updates are plain enough to be taken; the rest go to mingo.
    expect(taken).toBeGreaterThan(1000);
  });

  it('changes nothing it was given, and shares what it did not change', () => {
    const doc = Object.freeze({ _id: 'd', totals: Object.freeze({ a: 1 }), tags: Object.freeze(['x']) }) as Doc;
    const next = nativeUpdate(doc, { $inc: { 'totals.a': 1, 'totals.b': 2 } }, false)!;
    expect(next).toEqual({ _id: 'd', totals: { a: 2, b: 2 }, tags: ['x'] });
    expect(doc).toEqual({ _id: 'd', totals: { a: 1 }, tags: ['x'] });
    expect(next['tags']).toBe(doc['tags']);
    expect(Object.isFrozen(next['totals'])).toBe(true);
  });

  it('leaves to mingo what it does not know', () => {
    const doc = { _id: 'd', s: 'text', list: [{ a: 1 }], nil: null } as Doc;
    for (const change of [{ $push: { list: 1 } }, { $inc: { s: 1 } }, { $inc: { nil: 1 } }, { $inc: { n: '1' } }, { $set: { 'list.0.a': 2 } }, { $set: { 's.x': 1 } }, { $set: { a: 1, 'a.b': 2 } }, { $set: { _id: 'e' } }]) {
      expect(nativeUpdate(doc, change, false), JSON.stringify(change)).toBeUndefined();
    }
  });
});

describe('the embedded store', () => {
  it('applies $inc, $set, $unset and $setOnInsert without mingo, and other operators with it', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-native-')));
    const loads = store.collection<Doc & { active?: number }>('workloads');
    vi.mocked(mingoUpdate).mockClear();
    await loads.updateOne({ _id: 'r1' }, { $inc: { active: 1, weighted: 2 } }, { upsert: true });
    await loads.findOneAndUpdate({ _id: 'r1', active: { $lt: 5 } }, { $inc: { active: 1 }, $set: { 'by.day': 1 }, $unset: { weighted: '' } });
    await loads.updateOne({ _id: 'r2' }, { $setOnInsert: { active: 0 } }, { upsert: true });
    expect(vi.mocked(mingoUpdate)).not.toHaveBeenCalled();
    expect(await loads.find({})).toEqual([{ _id: 'r1', active: 2, by: { day: 1 } }, { _id: 'r2', active: 0 }]);
    await loads.updateOne({ _id: 'r1' }, { $push: { history: 1 } });
    expect(vi.mocked(mingoUpdate)).toHaveBeenCalled();
    await store.close();
  });
});
