import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as turn } from 'node:timers/promises';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Doc } from '../../src/store/collection.js';
import { EmbeddedCollection } from '../../src/store/embedded/embeddedCollection.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { OrderedIndex } from '../../src/store/embedded/orderedIndex.js';

// A packed collection (decisions, audit, events) builds its ordered indexes after the store opens,
// a slice of documents per turn of the event loop, while writes go on.
const persistNothing = async () => undefined;
afterEach(() => vi.restoreAllMocks());

const POLICIES = ['assignment', 'credit', 'registration'];
const decision = (i: number, at: number): Doc => ({ _id: `d${i}`, policy: POLICIES[i % 3]!, at: `2026-01-01T00:${String(Math.floor(at / 60) % 60).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}.000Z` });
const BY_TIME = { name: 'decisions_by_policy_time', keys: { policy: 1 as const, at: 1 as const } };
const pageOf = (c: EmbeddedCollection, policy: string) => c.find({ policy, at: { $gte: '2026-01-01T00:10:00.000Z', $lt: '2026-01-01T00:50:00.000Z' } }, { sort: { at: 1, _id: 1 }, limit: 300 });
const change = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), id: fc.integer({ min: 20_000, max: 20_300 }), at: fc.nat(3_599) }),
  fc.record({ kind: fc.constant('move' as const), id: fc.nat(11_999), at: fc.nat(3_599) }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.nat(11_999) }),
);

describe('an ordered index built in the background', () => {
  it('answers as the scan does, whatever was written while it was built', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(change, { maxLength: 8 }), { minLength: 1, maxLength: 5 }), async (rounds) => {
        const indexed = new EmbeddedCollection('decisions', persistNothing, true);
        const scanned = new EmbeddedCollection('scanned', persistNothing, true);
        // Enough documents for several slices of a few milliseconds each.
        const docs = Array.from({ length: 12_000 }, (_, i) => decision(i, (i * 7) % 3_600));
        for (const c of [indexed, scanned]) await c.insertMany(docs);
        const walked = vi.spyOn(OrderedIndex.prototype, 'forKeys');
        // Built a slice at a time from here: each round of writes lands between slices.
        await indexed.createIndex(BY_TIME);
        let built = false;
        const done = indexed.indexedInBackground().then(() => (built = true));
        let writesWhileBuilding = 0;
        for (const round of rounds) {
          for (const step of round) {
            if (!built) writesWhileBuilding += 1;
            for (const c of [indexed, scanned]) {
              if (step.kind === 'insert') await c.insertOne(decision(step.id, step.at)).catch(() => undefined);
              else if (step.kind === 'move') await c.updateOne({ _id: `d${step.id}` }, { $set: { at: decision(0, step.at)['at'] } });
              else await c.deleteOne({ _id: `d${step.id}` });
            }
          }
          await turn(0);
        }
        await done;
        // The first round's writes, at least, came while the index was half built.
        expect(writesWhileBuilding).toBeGreaterThanOrEqual(rounds[0]!.length);
        for (const policy of POLICIES) expect(await pageOf(indexed, policy)).toEqual(await pageOf(scanned, policy));
        expect(await indexed.countDocuments({ at: { $gte: '2026-01-01T00:30:00.000Z' } })).toBe(await scanned.countDocuments({ at: { $gte: '2026-01-01T00:30:00.000Z' } }));
        // The pages came from the index, not from a scan.
        expect(walked).toHaveBeenCalled();
        walked.mockRestore();
      }),
      { numRuns: 10 },
    );
  });

  it('is finished at once by a query that needs it before it is done', async () => {
    const indexed = new EmbeddedCollection('decisions', persistNothing, true);
    const scanned = new EmbeddedCollection('scanned', persistNothing, true);
    const docs = Array.from({ length: 20_000 }, (_, i) => decision(i, (i * 11) % 3_600));
    for (const c of [indexed, scanned]) await c.insertMany(docs);
    await indexed.createIndex(BY_TIME);
    let built = false;
    void indexed.indexedInBackground().then(() => (built = true));
    // No turn of the event loop yet: a slice has been read, the rest has not.
    expect(built).toBe(false);
    expect(await pageOf(indexed, 'credit')).toEqual(await pageOf(scanned, 'credit'));
    await Promise.resolve();
    expect(built).toBe(true);
  });

  it('is started by the store as it opens, and stopped when it closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-background-index-'));
    try {
      let store = await EmbeddedStore.open(dir);
      const decisions = store.collection('decisions');
      await decisions.createIndex(BY_TIME);
      await decisions.insertMany(Array.from({ length: 4_000 }, (_, i) => decision(i, (i * 13) % 3_600)));
      await store.close();

      store = await EmbeddedStore.open(dir);
      const build = vi.spyOn(OrderedIndex, 'build');
      await store.indexed();
      const reopened = store.collection('decisions');
      const page = await pageOf(reopened as EmbeddedCollection, 'assignment');
      // Built after opening, not by the first query.
      expect(build).not.toHaveBeenCalled();
      expect(page.length).toBeGreaterThan(0);
      expect(page.map((d) => d['at'])).toEqual([...page.map((d) => d['at'] as string)].sort());
      await store.close();

      // Closed before its indexes are built: nothing goes on after, and the next open builds them.
      store = await EmbeddedStore.open(dir);
      const closing = store.close();
      await store.indexed();
      await closing;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
