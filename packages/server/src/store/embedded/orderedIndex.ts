import { createRequire } from 'node:module';
import type * as SortedBtree from 'sorted-btree';
import type * as SortedBulkLoad from 'sorted-btree/extended/bulkLoad.js';
import type { Doc, IndexSpec } from '../collection.js';
import { bsonRank, compareBson } from './compareBson.js';
import { frozenCopy } from './frozenValue.js';
import { PartialFilter } from './partialFilter.js';

// sorted-btree is CommonJS with its class as `exports.default`: required, so every loader (Node, vitest) finds it in the same place.
const require = createRequire(import.meta.url);
const { default: BTree } = require('sorted-btree') as typeof SortedBtree.default;
const { bulkLoad } = require('sorted-btree/extended/bulkLoad.js') as typeof SortedBulkLoad;

/**
 * A component of a seek key that no stored key equals: it sorts before
 * (`side` -1) or after (1) the entries at its position; with a `rank`, only
 * before or after the values of that BSON type (`bsonRank`), in value order.
 */
export class KeyEdge {
  constructor(
    readonly side: -1 | 1,
    readonly rank?: number,
  ) {}
}

/** Keys per node of the tree: sorted-btree's default. */
const NODE_SIZE = 32;

/** What a range scan's callback answers to stop it. */
const STOP = { break: true } as const;

/** An index key: the indexed fields' values (null for missing), then the `_id`; a seek key may hold `KeyEdge`s. */
export type IndexKey = readonly unknown[];

/** Values the planner can order exactly as the collection's own sort does: missing, null, numbers (not NaN) and strings. */
const isSortScalar = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));

function edgeOrder(edge: KeyEdge, value: unknown, direction: number): number {
  if (edge.rank === undefined) return edge.side;
  const rank = bsonRank(value);
  return (rank === edge.rank ? edge.side : Math.sign(edge.rank - rank)) * direction;
}

/**
 * An ordered index on the fields of an index spec, kept in a B+ tree
 * (sorted-btree): keys are the fields' values in MongoDB's order and the
 * spec's directions, then the `_id`, so each document has one entry and
 * entries that tie on every field follow their `_id`. It serves ranges and
 * sorts (see `orderedFind`); every entry it yields is still tested against
 * the whole filter.
 *
 * The embedded collection can keep one for every index spec it is given,
 * unique or not, except those on nested paths (which sort through mingo) and
 * partial ones whose filter the planner does not understand (`PartialFilter`;
 * a partial index holds only the documents its filter matches, ordered by
 * the fields its filter does not fix, and serves only queries that imply
 * that filter); it builds each the first
 * time a query could use it (`OrderedIndexes`). The tree holds keys only
 * (the `_id` last) and reads documents through `documentOf`, so packed
 * documents stay packed.
 */
export class OrderedIndex {
  readonly fields: readonly string[];
  readonly directions: readonly (1 | -1)[];
  /** A partial index's filter: only the documents it matches have entries. */
  readonly partial: PartialFilter | undefined;
  private tree: SortedBtree.default<IndexKey, undefined>;
  /** Documents holding a value the planner does not order (an array, object, boolean, date, NaN) in an indexed field. */
  private irregular = 0;

  /** Whether a spec gets an ordered index. */
  static covers(spec: IndexSpec): boolean {
    const partial = PartialFilter.of(spec);
    const fields = Object.keys(spec.keys);
    return PartialFilter.usable(spec) && fields.every((field) => !field.includes('.')) && fields.some((field) => !partial?.fixes(field));
  }

  /**
   * An index of `docs` by `spec`; a walk reads each document through
   * `documentOf`. The keys are sorted first and the tree loaded from them in
   * one pass (sorted-btree's `bulkLoad`), a fraction of the time of inserting
   * them one by one: a first page of the decision log by time pays this build.
   */
  static build(spec: IndexSpec, docs: Iterable<Doc>, documentOf: (id: string) => Doc | undefined): OrderedIndex {
    const index = new OrderedIndex(spec, documentOf);
    const keys: IndexKey[] = [];
    for (const doc of docs) {
      if (index.partial && !index.partial.holds(doc)) continue;
      keys.push(index.keyOf(doc));
      if (index.isIrregular(doc)) index.irregular += 1;
    }
    const compare = (a: IndexKey, b: IndexKey) => index.compare(a, b);
    keys.sort(compare);
    // Every key ends with its document's `_id`, unique in the collection: the sorted keys are strictly ascending, as `bulkLoad` requires.
    index.tree = bulkLoad(keys, new Array<undefined>(keys.length), NODE_SIZE, compare);
    return index;
  }

  constructor(
    readonly spec: IndexSpec,
    /** The stored document of an id: the tree keeps keys only, so packed documents stay packed. */
    private readonly documentOf: (id: string) => Doc | undefined,
  ) {
    this.partial = PartialFilter.of(spec);
    // The fields a partial filter fixes hold one value in every entry: the entries are ordered by the others alone.
    const ordering = Object.entries(spec.keys).filter(([field]) => !this.partial?.fixes(field));
    this.fields = ordering.map(([field]) => field);
    this.directions = ordering.map(([, direction]) => direction);
    this.tree = new BTree<IndexKey, undefined>(undefined, (a, b) => this.compare(a, b), NODE_SIZE);
  }

  /** Orders two keys: each field in its direction, the `_id` ascending; a `KeyEdge` against a stored value. */
  compare(a: IndexKey, b: IndexKey): number {
    const last = this.fields.length;
    for (let i = 0; i <= last; i += 1) {
      const x = a[i];
      const y = b[i];
      const direction = i < last ? this.directions[i]! : 1;
      let order: number;
      // Two strings, the commonest case, without the general comparison.
      if (typeof x === 'string' && typeof y === 'string') order = x === y ? 0 : x < y ? -direction : direction;
      else if (x instanceof KeyEdge) order = edgeOrder(x, y, direction);
      else if (y instanceof KeyEdge) order = -edgeOrder(y, x, direction);
      else order = compareBson(x, y) * direction;
      if (order !== 0) return order;
    }
    return 0;
  }

  /** True when every indexed value is one the planner orders exactly (missing, null, a number or a string). */
  get regular(): boolean {
    return this.irregular === 0;
  }

  private keyOf(doc: Doc): unknown[] {
    // Sized up front: an array grown by `push` keeps room for 17 values, and the tree holds one key per document.
    const last = this.fields.length;
    const key = new Array<unknown>(last + 1);
    for (let i = 0; i < last; i += 1) {
      const value = doc[this.fields[i]!] ?? null;
      // An object or array (which the walks never order on) is kept as a frozen copy: a packed collection's insert hands over the caller's own.
      key[i] = typeof value === 'object' && value !== null ? frozenCopy(value) : value;
    }
    key[last] = doc._id;
    return key;
  }

  private isIrregular(doc: Doc): boolean {
    for (const field of this.fields) if (!isSortScalar(doc[field])) return true;
    return false;
  }

  /** Moves a document's entry from its previous version to its next (either may be undefined). */
  record(previous: Doc | undefined, next: Doc | undefined): void {
    if (previous && this.tree.delete(this.keyOf(previous)) && this.isIrregular(previous)) this.irregular -= 1;
    if (next) this.include(next);
  }

  /** Gives a document its entry, unless it has it already (an index built a slice at a time may meet a document twice: see `OrderedIndexes`). */
  include(doc: Doc): void {
    if (this.partial && !this.partial.holds(doc)) return;
    if (this.tree.set(this.keyOf(doc), undefined) && this.isIrregular(doc)) this.irregular += 1;
  }

  /** The keys between seek key `from` and seek key `to` (seek keys hold edges, so no key equals them), in index order or reversed; the `_id` is each key's last value. */
  *keys(from: IndexKey, to: IndexKey, reverse: boolean): Generator<IndexKey> {
    const reused: (IndexKey | undefined)[] = [];
    const entries = reverse ? this.tree.entriesReversed(to, reused) : this.tree.entries(from, reused);
    for (const [key] of entries) {
      if (reverse ? this.compare(key, from) < 0 : this.compare(key, to) > 0) return;
      yield key;
    }
  }

  /**
   * Calls `visit` with the keys `keys` walks, in the same order, until it
   * answers false. Forward, the tree's own range scan does it: a search for
   * the end per leaf rather than a comparison per key, and no iterator.
   */
  forKeys(from: IndexKey, to: IndexKey, reverse: boolean, visit: (key: IndexKey) => boolean): void {
    if (reverse) {
      for (const key of this.keys(from, to, true)) if (!visit(key)) return;
      return;
    }
    // `to` holds an edge, which no key equals: whether it is included does not matter.
    this.tree.editRange(from, to, false, (key) => (visit(key) ? undefined : STOP));
  }

  /** The stored document of an id the index holds (a packed one is parsed: read only those wanted). */
  document(id: string): Doc | undefined {
    return this.documentOf(id);
  }

  /** The documents of the keys `keys` walks. */
  *walk(from: IndexKey, to: IndexKey, reverse: boolean): Generator<Doc> {
    for (const key of this.keys(from, to, reverse)) {
      const doc = this.documentOf(key[key.length - 1] as string);
      if (doc) yield doc;
    }
  }
}
