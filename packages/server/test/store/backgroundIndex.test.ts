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
    // One turn of the event loop: a few milliseconds of documents read, not twenty thousand.
    await turn(0);
    expect(built).toBe(false);
    const build = vi.spyOn(OrderedIndex, 'build');
    expect(await pageOf(indexed, 'credit')).toEqual(await pageOf(scanned, 'credit'));
    // Finished where it stood, not built again from the start.
    expect(build).not.toHaveBeenCalled();
    await turn(0);
    expect(built).toBe(true);
  });

  it('gives every collection of the process one slice of a turn together, and lets go of one a query finished at once', async () => {
    const first = new EmbeddedCollection('decisions', persistNothing, true);
    const second = new EmbeddedCollection('audit', persistNothing, true);
    await first.insertMany(Array.from({ length: 30_000 }, (_, i) => ({ ...decision(i, i % 3_600), _id: `a${i}` })));
    await second.insertMany(Array.from({ length: 30_000 }, (_, i) => ({ ...decision(i, i % 3_600), _id: `b${i}` })));
    const read = vi.spyOn(OrderedIndex.prototype, 'include');
    await first.createIndex(BY_TIME);
    await second.createIndex(BY_TIME);
    await turn(0);
    // One turn: a few milliseconds of the first collection's documents, none of the second's.
    const ids = read.mock.calls.map(([doc]) => doc._id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(30_000);
    expect(ids.every((id) => id.startsWith('a'))).toBe(true);
    // A query finishes the second one's index: it is out of line at once, not after the first one's build.
    let firstBuilt = false;
    void first.indexedInBackground().then(() => (firstBuilt = true));
    await second.find({ policy: 'credit', at: { $gte: '2026-01-01T00:10:00.000Z' } }, { sort: { at: 1 }, limit: 1 });
    await second.indexedInBackground();
    expect(firstBuilt).toBe(false);
    await first.indexedInBackground();
  });

  it('counts a value it cannot order once, however often the walk and a write meet its document', async () => {
    const indexed = new EmbeddedCollection('decisions', persistNothing, true);
    await indexed.insertMany(Array.from({ length: 20_000 }, (_, i) => decision(i, i % 3_600)));
    await indexed.createIndex(BY_TIME);
    await turn(0);
    // Entered by the write, then met again by the walk (a map's walk meets what is added to it).
    await indexed.insertOne({ _id: 'odd', policy: 'credit', at: true });
    await indexed.indexedInBackground();
    // Every value can be ordered again: the index is walked, not set aside for the scan.
    await indexed.updateOne({ _id: 'odd' }, { $set: { at: '2026-01-01T00:20:00.000Z' } });
    const walked = vi.spyOn(OrderedIndex.prototype, 'forKeys');
    const page = await indexed.find({ policy: 'credit', at: { $gte: '2026-01-01T00:20:00.000Z' } }, { sort: { at: 1, _id: 1 }, limit: 2 });
    expect(walked).toHaveBeenCalled();
    expect(page[0]?._id).toBe('odd');
  });

  it('starts its walk again when a failed write group puts documents back (a new map)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-background-index-'));
    try {
      let store = await EmbeddedStore.open(dir);
      const at = (s: number) => `2026-01-01T${String(Math.floor(s / 3_600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000Z`;
      const last = 30_000;
      await store.collection('decisions').createIndex(BY_TIME);
      await store.collection('decisions').insertMany(Array.from({ length: last }, (_, i) => ({ _id: `d${i}`, policy: 'p', at: i === last - 4 ? true : at(i) })));
      await store.close();
      store = await EmbeddedStore.open(dir);
      const decisions = store.collection('decisions');
      await turn(0);
      // A group that deleted a decision, then failed: the decision is put back, the table reordered.
      await expect(
        store.writeAtomically([
          { collection: 'decisions', deleteOne: { filter: { _id: 'd1' } } },
          { collection: 'decisions', updateOne: { filter: { _id: 'none' }, update: { $set: { x: 1 } }, mustMatch: true } },
        ]),
      ).rejects.toThrow();
      // Then writes to documents the walk has not reached: one deleted, two moved to the start, the unorderable value made orderable.
      await decisions.deleteOne({ _id: `d${last - 1}` });
      await decisions.updateOne({ _id: `d${last - 2}` }, { $set: { at: at(0) } });
      await decisions.updateOne({ _id: `d${last - 3}` }, { $set: { at: at(1) } });
      await decisions.updateOne({ _id: `d${last - 4}` }, { $set: { at: at(last - 4) } });
      await store.indexed();
      const walked = vi.spyOn(OrderedIndex.prototype, 'forKeys');
      expect(await decisions.countDocuments({ policy: 'p', at: { $gte: at(last - 10) } })).toBe(7);
      expect((await decisions.find({ policy: 'p', at: { $gte: at(0) } }, { sort: { at: 1, _id: 1 }, limit: 5 })).map((d) => d._id)).toEqual(['d0', `d${last - 2}`, 'd1', `d${last - 3}`, 'd2']);
      expect((await decisions.find({ policy: 'p', at: { $gte: at(0) } }, { sort: { at: -1, _id: -1 }, limit: 3 })).map((d) => d._id)).toEqual([`d${last - 4}`, `d${last - 5}`, `d${last - 6}`]);
      expect(walked).toHaveBeenCalled();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is started by the store as it opens, and stopped for good when it closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-background-index-'));
    try {
      let store = await EmbeddedStore.open(dir);
      await store.collection('decisions').createIndex(BY_TIME);
      await store.collection('decisions').insertMany(Array.from({ length: 20_000 }, (_, i) => decision(i, (i * 13) % 3_600)));
      await store.close();

      // Closed before its indexes are built: nothing is read after, not even for an index asked for then.
      store = await EmbeddedStore.open(dir);
      await store.close();
      const read = vi.spyOn(OrderedIndex.prototype, 'include');
      await expect(store.collection('decisions').createIndex({ name: 'by_time', keys: { at: -1 } })).rejects.toThrow(/closed/);
      for (let i = 0; i < 5; i += 1) await turn(1);
      expect(read).not.toHaveBeenCalled();
      await store.indexed();

      // The next open builds them, after opening and before any query.
      store = await EmbeddedStore.open(dir);
      const build = vi.spyOn(OrderedIndex, 'build');
      await store.indexed();
      expect(read).toHaveBeenCalled();
      const page = await pageOf(store.collection('decisions') as EmbeddedCollection, 'assignment');
      expect(build).not.toHaveBeenCalled();
      expect(page.length).toBeGreaterThan(0);
      expect(page.map((d) => d['at'])).toEqual([...page.map((d) => d['at'] as string)].sort());
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
