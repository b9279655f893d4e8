import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

// The embedded store numbers insertion order only when first asked (a sort's ties, an index's finds put back in order).
// Whenever it is asked, before or after, across restarts and failed atomic groups, the order must be the one a list of
// the writes gives: inserts at the end, updates in place, deletes out, a failed group nothing.
type Op = { kind: 'insert' | 'update' | 'delete' | 'failedDelete'; id: number; g: 'x' | 'y' } | { kind: 'query' } | { kind: 'restart' };
const write = (kind: 'insert' | 'update' | 'delete' | 'failedDelete') => fc.record({ kind: fc.constant(kind), id: fc.integer({ min: 0, max: 5 }), g: fc.constantFrom('x' as const, 'y' as const) });
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: write('insert'), weight: 4 },
  { arbitrary: write('update'), weight: 2 },
  { arbitrary: write('delete'), weight: 1 },
  { arbitrary: write('failedDelete'), weight: 3 },
  { arbitrary: fc.constantFrom<Op>({ kind: 'query' }, { kind: 'restart' }), weight: 2 },
);

describe('insertion order, numbered when first asked', () => {
  it('is the order of the writes, asked early or late, after restarts and failed groups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40, size: 'max' }), fc.boolean(), async (ops, packed) => {
        const dir = mkdtempSync(join(tmpdir(), 'lazy-order-'));
        const options = packed ? { packed: ['c'] } : {};
        let store = await EmbeddedStore.open(dir, options);
        await store.collection('c').createIndex({ name: 'g', keys: { g: 1 } });
        const model: Array<{ id: string; g: string }> = [];
        const check = async () => {
          const c = store.collection('c');
          const expected = model.filter((doc) => doc.g === 'x').map((doc) => doc.id);
          // Ties of a sort on a field every document holds alike, and an index's finds: both in insertion order.
          expect((await c.find({ g: 'x' }, { sort: { k: 1 } })).map((doc) => doc._id)).toEqual(expected);
          expect((await c.find({ g: 'x' })).map((doc) => doc._id)).toEqual(expected);
          expect((await c.find({})).map((doc) => doc._id)).toEqual(model.map((doc) => doc.id));
        };
        try {
          for (const step of ops) {
            const c = store.collection('c');
            if (step.kind === 'query') await check();
            else if (step.kind === 'restart') {
              await store.close();
              store = await EmbeddedStore.open(dir, options);
            } else {
              const id = `d${step.id}`;
              const held = model.findIndex((doc) => doc.id === id);
              if (step.kind === 'insert' && held < 0) {
                await c.insertOne({ _id: id, g: step.g, k: 1 });
                model.push({ id, g: step.g });
              } else if (step.kind === 'update' && held >= 0) {
                await c.updateOne({ _id: id }, { $set: { g: step.g } });
                model[held]!.g = step.g;
              } else if (step.kind === 'delete' && held >= 0) {
                await c.deleteOne({ _id: id });
                model.splice(held, 1);
              } else if (step.kind === 'failedDelete' && held >= 0) {
                await expect(
                  store.writeAtomically([
                    { collection: 'c', deleteOne: { filter: { _id: id } } },
                    { collection: 'c', updateOne: { filter: { _id: 'none' }, update: { $set: { g: 'x' } }, mustMatch: true } },
                  ]),
                ).rejects.toMatchObject({ code: 'write-conflict' });
              }
            }
          }
          await check();
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 100, seed: 23 },
    );
  });
});
