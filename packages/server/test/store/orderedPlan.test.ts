import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Doc, Filter, FindOptions } from '../../src/store/collection.js';
import { EmbeddedCollection } from '../../src/store/embedded/embeddedCollection.js';
import { ObjectTable, PackedTable } from '../../src/store/embedded/docTable.js';
import { OrderedIndex } from '../../src/store/embedded/orderedIndex.js';

// What the contract suite cannot see: pages an ordered index serves equal, in order, what a scan and sort of the same documents answers.
const persistNothing = async () => undefined;
const walks = () => vi.spyOn(OrderedIndex.prototype, 'forKeys');
afterEach(() => vi.restoreAllMocks());

const strings = fc.constantFrom('2026-01', '2026-02', '2026-03', 'a', 'B', '');
const numbers = fc.integer({ min: -2, max: 3 });
const plain = fc.oneof(strings, numbers);
// Mostly values an index orders exactly; sometimes one it does not (then the scan answers).
const stored = fc.oneof(plain, fc.constant(null), fc.constant(undefined));
// A value an index does not order exactly (the scan then answers).
const irregular = fc.oneof(fc.boolean(), fc.array(fc.oneof(plain, fc.constantFrom('x', 'y')), { maxLength: 2 }));
const docArb = fc.record({ id: fc.integer({ min: 0, max: 999 }), g: fc.constantFrom('x', 'y', 1, null, undefined), at: stored, n: fc.integer({ min: 0, max: 3 }) });
// In some runs, a document whose indexed fields hold such values.
const oddDoc = fc.option(fc.record({ id: fc.constant(-1), g: fc.oneof(fc.constantFrom('x', 'y'), fc.array(fc.constantFrom('x', 'y', 1), { maxLength: 2 })), at: fc.oneof(stored, irregular), n: fc.constant(0) }), { freq: 3 });
const toDoc = ({ id, ...fields }: { id: number } & Record<string, unknown>): Doc => ({ _id: `d${id}`, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) });

// Bounds of one type mostly (others match nothing), either way open or closed.
const bounds = (values: fc.Arbitrary<string | number>) =>
  fc
    .record({ low: fc.option(fc.tuple(fc.constantFrom('$gt', '$gte'), values)), high: fc.option(fc.tuple(fc.constantFrom('$lt', '$lte'), values)), ne: fc.option(values) })
    .map(({ low, high, ne }) => ({ ...(low ? { [low[0]]: low[1] } : {}), ...(high ? { [high[0]]: high[1] } : {}), ...(ne !== null ? { $ne: ne } : {}) }));
const range = fc.oneof({ weight: 4, arbitrary: fc.oneof(bounds(strings), bounds(numbers)) }, { weight: 1, arbitrary: bounds(plain) });
// Each condition in a third of the filters, so that pages are seldom empty.
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const filterArb = fc
  .record({ g: sometimes(fc.oneof(fc.constantFrom('x', 'y', 1), fc.record({ $eq: fc.constantFrom('x', 1) }), fc.record({ $in: fc.constant(['x', 'y']) }))), at: sometimes(fc.oneof(range, plain)), n: sometimes(fc.record({ $ne: fc.integer({ min: 0, max: 3 }) })) })
  .map((conditions): Filter => Object.fromEntries(Object.entries(conditions).filter(([, condition]) => condition !== undefined)));
const sortArb = fc.constantFrom<FindOptions['sort']>({ at: 1 }, { at: -1 }, { at: 1, _id: 1 }, { at: -1, _id: -1 }, { at: 1, _id: -1 }, { g: 1, at: 1 }, { g: -1, at: -1 }, { at: -1, n: 1 }, { n: 1, at: -1 }, { n: -1 }, { g: 1 });
const queryArb = fc.record({ filter: filterArb, sort: sortArb, skip: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), limit: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) });
const changeArb = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), target: fc.nat(), field: fc.constantFrom('at', 'g'), value: fc.oneof({ weight: 3, arbitrary: stored }, { weight: 1, arbitrary: irregular }) }),
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), doc: docArb }),
);

describe('the ordered plan', () => {
  it('answers ranges, sorts, skips, limits and counts exactly as the scan does, through inserts, updates and deletes', async () => {
    const spy = walks();
    let queries = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(docArb, { selector: (d) => d.id, maxLength: 40 }), oddDoc, fc.array(changeArb, { maxLength: 6 }), fc.array(queryArb, { minLength: 1, maxLength: 8 }), async (docs, odd, changes, reads) => {
        const seed = odd ? [...docs, odd] : docs;
        const indexed = new EmbeddedCollection('indexed', persistNothing);
        const scanned = new EmbeddedCollection('scanned', persistNothing);
        await indexed.createIndex({ name: 'g_at', keys: { g: 1, at: 1 } });
        for (const c of [indexed, scanned]) await c.insertMany(seed.map(toDoc));
        await indexed.createIndex({ name: 'at_desc', keys: { at: -1 } });
        await indexed.createIndex({ name: 'n_at', keys: { n: 1, at: -1 } });
        for (const change of changes) {
          const ids = (await scanned.find({})).map((d) => d._id);
          for (const c of [indexed, scanned]) {
            if (change.kind === 'insert') await c.insertOne(toDoc({ ...change.doc, id: 1000 + change.doc.id })).catch(() => undefined);
            else if (ids.length === 0) continue;
            else if (change.kind === 'delete') await c.deleteOne({ _id: ids[change.target % ids.length]! });
            else await c.updateOne({ _id: ids[change.target % ids.length]! }, change.value === undefined ? { $unset: { [change.field]: '' } } : { $set: { [change.field]: change.value } });
          }
        }
        for (const { filter, ...options } of reads) {
          queries += 1;
          expect(await indexed.find(filter, options), JSON.stringify([filter, options])).toEqual(await scanned.find(filter, options));
          expect(await indexed.countDocuments(filter), JSON.stringify(filter)).toBe(await scanned.countDocuments(filter));
        }
      }),
      { numRuns: 300, seed: 5 },
    );
    // The comparison means something only if the index served many of the queries.
    expect(spy.mock.calls.length).toBeGreaterThan(queries / 4);
  });

  it('answers through partial indexes exactly as the scan does, and only the queries their filter implies', async () => {
    const spy = walks();
    let served = 0;
    const flag = fc.constantFrom(true, false, 'true', 1, undefined);
    const flagged = fc.record({ id: fc.integer({ min: 0, max: 999 }), f: flag, at: stored, n: fc.integer({ min: 0, max: 3 }) });
    const flagFilter = fc
      .record({ f: sometimes(fc.oneof(flag.filter((v) => v !== undefined), fc.record({ $eq: fc.constantFrom(true, false) }), fc.record({ $ne: fc.constant(true) }))), at: sometimes(fc.oneof(range, plain)), n: sometimes(fc.integer({ min: 0, max: 3 })) })
      .map((conditions): Filter => Object.fromEntries(Object.entries(conditions).filter(([, condition]) => condition !== undefined)));
    const flagQuery = fc.record({ filter: flagFilter, sort: fc.constantFrom<FindOptions['sort'] | undefined>({ at: 1 }, { at: -1, _id: 1 }, undefined), limit: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) });
    const flip = fc.record({ target: fc.nat(), value: flag });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(flagged, { selector: (d) => d.id, maxLength: 40 }), fc.array(flip, { maxLength: 6 }), fc.array(flagQuery, { minLength: 1, maxLength: 8 }), async (docs, flips, reads) => {
        const indexed = new EmbeddedCollection('indexed', persistNothing);
        const scanned = new EmbeddedCollection('scanned', persistNothing);
        await indexed.createIndex({ name: 'flagged_by_time', keys: { f: 1, at: 1 }, partialFilterExpression: { f: true } });
        for (const c of [indexed, scanned]) await c.insertMany(docs.map(toDoc));
        await indexed.createIndex({ name: 'n_when_flagged', keys: { n: 1 }, partialFilterExpression: { f: { $eq: true } } });
        for (const { target, value } of flips) {
          const ids = (await scanned.find({})).map((d) => d._id);
          if (ids.length === 0) break;
          for (const c of [indexed, scanned]) await c.updateOne({ _id: ids[target % ids.length]! }, value === undefined ? { $unset: { f: '' } } : { $set: { f: value } });
        }
        for (const { filter, sort, limit } of reads) {
          const options = { ...(sort ? { sort } : {}), ...(limit ? { limit } : {}) };
          const found = await indexed.find(filter, options);
          // Without a sort, a limit takes any of the matches (no order promised): compare what was taken with what matches.
          if (!sort && limit) {
            const all = await scanned.find(filter);
            expect(found.length, JSON.stringify(filter)).toBe(Math.min(limit, all.length));
            expect(all, JSON.stringify(filter)).toEqual(expect.arrayContaining(found));
          } else expect(found, JSON.stringify([filter, options])).toEqual(await scanned.find(filter, options));
          expect(await indexed.countDocuments(filter), JSON.stringify(filter)).toBe(await scanned.countDocuments(filter));
          if (filter['f'] === true) served += 1;
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(spy.mock.calls.length).toBeGreaterThan(served / 4);
  });

  it('reads only the documents a partial index holds for a query implying its filter', async () => {
    // The event feed: thousands of events dispatched, a few still pending, read oldest first.
    const events = new EmbeddedCollection('events', persistNothing, true);
    await events.createIndex({ name: 'events_by_seq', keys: { seq: 1 }, unique: true });
    await events.createIndex({ name: 'events_undispatched', keys: { pending: 1, seq: 1 }, partialFilterExpression: { pending: true } });
    await events.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: `e${i}`, seq: String(i).padStart(5, '0'), ...(i >= 1997 ? { pending: true } : {}) })));
    // A document carrying staged events among thousands that do not.
    const claims = new EmbeddedCollection('claims', persistNothing);
    await claims.createIndex({ name: 'staged_events', keys: { _eventsPending: 1 }, partialFilterExpression: { _eventsPending: true } });
    await claims.insertMany(Array.from({ length: 2000 }, (_, i) => ({ _id: `c${i}`, ...(i === 1500 ? { _eventsPending: true } : {}) })));
    // The first sorted query builds the ordered indexes on seq (reading every event once); the reads are counted after it.
    const pending = () => events.find({ pending: true }, { sort: { seq: 1 }, limit: 100 });
    expect((await pending()).map((e) => e._id)).toEqual(['e1997', 'e1998', 'e1999']);
    const reads = [vi.spyOn(PackedTable.prototype, 'get'), vi.spyOn(PackedTable.prototype, 'values'), vi.spyOn(ObjectTable.prototype, 'get'), vi.spyOn(ObjectTable.prototype, 'values')];
    const read = () => reads.reduce((total, spy) => total + spy.mock.calls.length, 0);

    expect((await pending()).map((e) => e._id)).toEqual(['e1997', 'e1998', 'e1999']);
    expect(read()).toBeLessThanOrEqual(3 * 3);
    const before = read();
    expect((await claims.find({ _eventsPending: true }, { limit: 200 })).map((c) => c._id)).toEqual(['c1500']);
    expect(read() - before).toBeLessThanOrEqual(3);
    // A query that does not imply the partial filter is answered by the scan, whole.
    expect(await events.countDocuments({ pending: { $ne: true } })).toBe(1997);
  });

  it('leaves to the scan, or still tests, what the walk does not cover', async () => {
    const docs = [
      { _id: 'p', g: 'x', at: 'b', n: 1 },
      { _id: 'q', g: ['x', 'y'], at: 'a', n: 2 },
      { _id: 'r', g: 'x', at: 'c', n: 3 },
      { _id: 's', g: 'y', at: 'b', n: 4 },
    ];
    const indexed = new EmbeddedCollection('indexed', persistNothing);
    const scanned = new EmbeddedCollection('scanned', persistNothing);
    await indexed.createIndex({ name: 'g_at', keys: { g: 1, at: 1 } });
    await indexed.createIndex({ name: 'at', keys: { at: 1 } });
    for (const c of [indexed, scanned]) await c.insertMany(docs);
    const cases: Array<[Filter, FindOptions]> = [
      // An array in an indexed field: that index is not walked.
      [{ g: 'x' }, { sort: { at: 1 } }],
      // Conditions beside the bounds used, on the walked field.
      [{ at: { $gte: 'a', $ne: 'b' } }, { sort: { at: 1 } }],
      [{ at: { $gt: 'a', $gte: 'b' } }, { sort: { at: -1 } }],
      [{ at: { $lte: 'c', $in: ['a', 'c'] } }, { sort: { at: 1 }, limit: 1 }],
      [{ at: { $gte: 'a' }, n: { $gt: 1 } }, { sort: { at: -1, _id: 1 }, skip: 1 }],
    ];
    for (const [filter, options] of cases) expect(await indexed.find(filter, options), JSON.stringify(filter)).toEqual(await scanned.find(filter, options));
  });

  it('walks only as far as a page needs', async () => {
    const decisions = new EmbeddedCollection('decisions', persistNothing);
    await decisions.createIndex({ name: 'by_policy_time', keys: { policy: 1, at: 1 } });
    // Two decisions of each policy at each instant: ties on the sort key.
    const docs = Array.from({ length: 1000 }, (_, i) => ({ _id: `d${String(999 - i).padStart(3, '0')}`, policy: i % 2 ? 'a' : 'b', at: `2026-01-01T00:00:${String(i % 500).padStart(3, '0')}Z` }));
    await decisions.insertMany(docs);
    const original = OrderedIndex.prototype.forKeys;
    let read = 0;
    vi.spyOn(OrderedIndex.prototype, 'forKeys').mockImplementation(function (this: OrderedIndex, from, to, reverse, visit) {
      original.call(this, from, to, reverse, (key) => {
        read += 1;
        return visit(key);
      });
    });
    const [from, to] = ['2026-01-01T00:00:100Z', '2026-01-01T00:00:400Z'];
    const page = await decisions.find({ policy: 'a', at: { $gte: from, $lt: to } }, { sort: { at: 1, _id: 1 }, skip: 5, limit: 10 });
    const expected = docs.filter((d) => d.policy === 'a' && d.at >= from && d.at < to).sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x._id < y._id ? -1 : 1));
    expect(page).toEqual(expected.slice(5, 15));
    // The 15 entries the page needs (sorted by `_id` after the indexed field, ties come in order: no entry past the page).
    expect(read).toBeLessThanOrEqual(15);
  });

  it('reads only the documents of the page, and none to count, when the bounds are the whole filter', async () => {
    // Packed, as the decision log is: every document read is parsed.
    const decisions = new EmbeddedCollection('decisions', persistNothing, true);
    await decisions.createIndex({ name: 'by_policy_time', keys: { policy: 1, at: 1 } });
    const docs = Array.from({ length: 400 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}`, policy: i % 2 ? 'a' : 'b', at: `2026-01-01T00:00:${String(i % 100).padStart(3, '0')}Z`, facts: { n: i } }));
    await decisions.insertMany(docs);
    const filter = { policy: 'a', at: { $gte: '2026-01-01T00:00:010Z', $lt: '2026-01-01T00:00:090Z' } };
    const expected = docs.filter((d) => d.policy === 'a' && d.at >= filter.at.$gte && d.at < filter.at.$lt).sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x._id < y._id ? -1 : 1));
    // The first query that can use the index builds it, reading every document once; after it, reads are counted.
    expect(await decisions.countDocuments({ policy: 'b', at: { $gte: '' } })).toBe(200);
    const reads = vi.spyOn(PackedTable.prototype, 'get');
    const scans = vi.spyOn(PackedTable.prototype, 'values');
    expect(await decisions.countDocuments(filter)).toBe(expected.length);
    expect(reads).not.toHaveBeenCalled();
    expect(scans).not.toHaveBeenCalled();
    expect(await decisions.findReadOnly(filter, { sort: { at: 1, _id: 1 }, skip: 30, limit: 20 })).toEqual(expected.slice(30, 50));
    expect(reads).toHaveBeenCalledTimes(20);
    // A condition beyond the bounds is tested on each document walked.
    reads.mockClear();
    expect(await decisions.countDocuments({ ...filter, 'facts.n': { $lt: 100 } })).toBe(expected.filter((d) => d.facts.n < 100).length);
    expect(reads).toHaveBeenCalledTimes(expected.length);
  });
});
