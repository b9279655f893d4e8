import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/store/collection.js';
import { KeyEdge, OrderedIndex } from '../../src/store/embedded/orderedIndex.js';

const ids = (docs: Iterable<Doc>) => [...docs].map((doc) => doc._id);
// The index keeps keys only and reads documents by id: here, documents that are their id.
const indexOf = (keys: Record<string, 1 | -1>, docs: Doc[]) => OrderedIndex.build({ name: 'i', keys }, docs, (id) => ({ _id: id }));
const ALL = [[new KeyEdge(-1)], [new KeyEdge(1)]] as const;

describe('OrderedIndex', () => {
  const docs: Doc[] = [
    { _id: 's-b', at: 'b' },
    { _id: 'n-10', at: 10 },
    { _id: 'missing' },
    { _id: 's-B', at: 'B' },
    { _id: 'n-2.5', at: 2.5 },
    { _id: 'null', at: null },
    { _id: 's-a', at: 'a' },
  ];

  it('orders keys as MongoDB sorts: missing and null, then numbers, then strings by code unit; ties by _id', () => {
    expect(ids(indexOf({ at: 1 }, docs).walk(...ALL, false))).toEqual(['missing', 'null', 'n-2.5', 'n-10', 's-B', 's-a', 's-b']);
    expect(ids(indexOf({ at: -1 }, docs).walk(...ALL, false))).toEqual(['s-b', 's-a', 's-B', 'n-10', 'n-2.5', 'missing', 'null']);
    expect(ids(indexOf({ at: 1 }, docs).walk(...ALL, true))).toEqual(['s-b', 's-a', 's-B', 'n-10', 'n-2.5', 'null', 'missing']);
  });

  it('walks between seek keys: a value and its type’s edges', () => {
    const index = indexOf({ at: 1 }, docs);
    const strings = new KeyEdge(-1, 3);
    expect(ids(index.walk([strings], ['a', new KeyEdge(1)], false))).toEqual(['s-B', 's-a']);
    expect(ids(index.walk([2.5, new KeyEdge(1)], [new KeyEdge(1, 2)], false))).toEqual(['n-10']);
    const descending = indexOf({ at: -1 }, docs);
    // Descending, the edge after all strings in value order comes first.
    expect(ids(descending.walk([new KeyEdge(1, 3)], ['B', new KeyEdge(1)], false))).toEqual(['s-b', 's-a', 's-B']);
    expect(ids(descending.walk([new KeyEdge(1, 3)], ['B', new KeyEdge(-1)], true))).toEqual(['s-a', 's-b']);
  });

  it('follows documents through updates and deletes, and says when a value is one it cannot order exactly', () => {
    const index = indexOf({ g: 1, at: -1 }, [
      { _id: '1', g: 'x', at: 1 },
      { _id: '2', g: 'x', at: 2 },
    ]);
    expect(index.regular).toBe(true);
    index.record({ _id: '1', g: 'x', at: 1 }, { _id: '1', g: 'x', at: 3 });
    index.record(undefined, { _id: '3', g: 'y', at: ['array'] });
    expect(ids(index.walk(...ALL, false))).toEqual(['1', '2', '3']);
    expect(index.regular).toBe(false);
    index.record({ _id: '3', g: 'y', at: ['array'] }, undefined);
    index.record({ _id: '2', g: 'x', at: 2 }, undefined);
    expect(ids(index.walk(...ALL, false))).toEqual(['1']);
    expect(index.regular).toBe(true);
  });

  it('is kept for every index spec but those on nested paths and partial ones it cannot use', () => {
    expect(OrderedIndex.covers({ name: 'a', keys: { a: 1, b: -1 } })).toBe(true);
    expect(OrderedIndex.covers({ name: 'u', keys: { a: 1 }, unique: true })).toBe(true);
    expect(OrderedIndex.covers({ name: 'p', keys: { a: 1 }, partialFilterExpression: { s: 'x' } })).toBe(true);
    expect(OrderedIndex.covers({ name: 'n', keys: { 'a.b': 1 } })).toBe(false);
    // A partial filter other than plain equalities, or one fixing every indexed field (nothing left to order by).
    expect(OrderedIndex.covers({ name: 'e', keys: { a: 1 }, partialFilterExpression: { s: { $exists: true } } })).toBe(false);
    expect(OrderedIndex.covers({ name: 'f', keys: { s: 1 }, partialFilterExpression: { s: true } })).toBe(false);
  });

  it('built in one pass from sorted keys, holds what inserting one document at a time would, and takes changes after', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
    const values = [() => undefined, () => null, () => Math.floor(rand() * 50), () => `s${Math.floor(rand() * 50)}`, () => ['array']];
    const value = () => values[Math.floor(rand() * values.length)]!();
    const docs: Doc[] = Array.from({ length: 2_000 }, (_, i) => ({ _id: `d${Math.floor(rand() * 1e9)}-${i}`, g: value(), at: value(), kept: rand() < 0.5 }));
    for (const spec of [
      { name: 'i', keys: { g: 1, at: -1 } as Record<string, 1 | -1> },
      { name: 'p', keys: { kept: 1, at: 1 } as Record<string, 1 | -1>, partialFilterExpression: { kept: true } },
    ]) {
      const built = OrderedIndex.build(spec, docs, (id) => ({ _id: id }));
      const grown = new OrderedIndex(spec, (id) => ({ _id: id }));
      for (const doc of docs) grown.record(undefined, doc);
      expect(ids(built.walk(...ALL, false))).toEqual(ids(grown.walk(...ALL, false)));
      expect(ids(built.walk(...ALL, false)).length).toBe(spec.partialFilterExpression ? docs.filter((doc) => doc['kept']).length : docs.length);
      expect(built.regular).toBe(grown.regular);
      for (const doc of docs.slice(0, 500)) {
        const next = { ...doc, at: value(), kept: !doc['kept'] };
        built.record(doc, next);
        grown.record(doc, next);
      }
      expect(ids(built.walk(...ALL, true))).toEqual(ids(grown.walk(...ALL, true)));
      expect(built.regular).toBe(grown.regular);
    }
  });

  it('holds only what its partial filter matches, ordered by the fields the filter does not fix', () => {
    const docs = new Map<string, Doc>();
    const index = new OrderedIndex({ name: 'pending_by_seq', keys: { pending: 1, seq: 1 }, partialFilterExpression: { pending: true } }, (id) => docs.get(id));
    for (const doc of [{ _id: 'a', seq: '2', pending: true }, { _id: 'b', seq: '1' }, { _id: 'c', seq: '3', pending: true }, { _id: 'd', seq: '0', pending: true }]) {
      docs.set(doc._id, doc);
      index.record(undefined, doc);
    }
    // 'd' is dispatched: its entry goes.
    index.record(docs.get('d'), { _id: 'd', seq: '0' });
    expect(index.fields).toEqual(['seq']);
    expect([...index.walk([new KeyEdge(-1)], [new KeyEdge(1)], false)].map((doc) => doc._id)).toEqual(['a', 'c']);
  });
});
