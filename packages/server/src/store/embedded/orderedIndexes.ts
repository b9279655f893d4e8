import type { Doc, Filter, FindOptions, IndexSpec } from '../collection.js';
import { OrderedIndex } from './orderedIndex.js';
import type { OrderedHit } from './orderedPlan.js';
import { orderedCount, orderedFind } from './orderedPlan.js';

/** What a collection tells its ordered indexes. */
export interface OrderedContext {
  /** A document's place in insertion order, which orders ties in a sort as the scan's stable sort does. */
  sequenceOf(id: string): number;
  /** How many documents the collection's scan of a filter would test: a walk gives up past that many entries. */
  scanSize(filter: Filter): number;
  /** The collection's documents, to build an index from. */
  documents(): Iterable<Doc>;
  /** A stored document by id. */
  documentOf(id: string): Doc | undefined;
}

const RANGE = ['$gt', '$gte', '$lt', '$lte'];
const hasRange = (condition: unknown) => condition !== null && typeof condition === 'object' && !Array.isArray(condition) && RANGE.some((operator) => operator in condition);

/**
 * A collection's ordered indexes, one per index spec that
 * `OrderedIndex.covers` (every spec but those on nested paths and partial
 * ones with a filter the planner does not understand), kept by the same `record(previous, next)` calls as its other
 * indexes; they answer the sorted pages and counts they serve.
 *
 * An index is built the first time a query could use it: a sort on one of
 * its fields, or a range on one. Most specs serve equality lookups only
 * (identity keys, blocking keys, a rep's claims), which the equality
 * indexes answer; building them all would cost every start time and memory
 * for nothing. A first sorted page of a large collection pays for the build
 * once (a second or so per million documents held as objects).
 *
 * A packed collection (decisions, audit, events) builds its indexes the same
 * way, parsing each document once for it: building them as the data folder
 * loads instead made opening a third slower (100k customers: 12.6-15.7 s
 * against 9.5 s), and the time to open is what every start pays.
 */
export class OrderedIndexes {
  private readonly byName = new Map<string, OrderedIndex>();
  /** Specs whose index is not built yet. */
  private readonly waiting = new Map<string, IndexSpec>();

  constructor(private readonly context: OrderedContext) {}

  /** Takes a spec's index on, to be built when a query could use it (nothing if it has one, or the spec gets none). */
  add(spec: IndexSpec): void {
    if (OrderedIndex.covers(spec) && !this.byName.has(spec.name)) this.waiting.set(spec.name, spec);
  }

  /** Builds the waiting indexes on any of `fields`. */
  private buildFor(fields: readonly string[]): void {
    for (const [name, spec] of this.waiting) {
      if (!Object.keys(spec.keys).some((field) => fields.includes(field))) continue;
      this.waiting.delete(name);
      this.byName.set(name, OrderedIndex.build(spec, this.context.documents(), this.context.documentOf));
    }
  }

  /** The fields a query orders or bounds. */
  private static rangedFields(filter: Filter): string[] {
    return Object.entries(filter).filter(([, condition]) => hasRange(condition)).map(([field]) => field);
  }

  /** Moves a document's entries from its previous version to its next. */
  record(previous: Doc | undefined, next: Doc | undefined): void {
    for (const index of this.byName.values()) index.record(previous, next);
  }

  /** The sorted page of `find` when an index serves it (see `orderedFind`), else undefined. */
  find(filter: Filter, options: FindOptions): Doc[] | undefined {
    const hits = this.hits(filter, options);
    if (!hits) return undefined;
    const page: Doc[] = [];
    for (const hit of hits) {
      const doc = hit.doc ?? this.context.documentOf(hit.id);
      if (doc) page.push(doc);
    }
    return page;
  }

  /** The ids of the sorted page of `find` when an index serves it, else undefined: for a reader that takes the stored form itself (`findJson`). */
  findIds(filter: Filter, options: FindOptions): string[] | undefined {
    return this.hits(filter, options)?.map((hit) => hit.id);
  }

  private hits(filter: Filter, options: FindOptions): OrderedHit[] | undefined {
    if (!options.sort) return undefined;
    if (this.waiting.size > 0) this.buildFor([...Object.keys(options.sort), ...OrderedIndexes.rangedFields(filter)]);
    if (this.byName.size === 0) return undefined;
    return orderedFind(this.byName.values(), filter, { ...options, sort: options.sort }, { sequenceOf: this.context.sequenceOf, budget: () => this.context.scanSize(filter) });
  }

  /** How many documents match, when an index serves the filter (see `orderedCount`), else undefined. */
  count(filter: Filter): number | undefined {
    if (this.waiting.size > 0) this.buildFor(OrderedIndexes.rangedFields(filter));
    if (this.byName.size === 0) return undefined;
    return orderedCount(this.byName.values(), filter, { budget: () => this.context.scanSize(filter) });
  }
}
