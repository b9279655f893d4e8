import type { Doc, Filter, FindOptions, IndexSpec } from '../collection.js';
import { OrderedIndex } from './orderedIndex.js';
import { orderedCount, orderedFind } from './orderedPlan.js';

/** What a collection tells its ordered indexes. */
export interface OrderedContext {
  /** A document's place in insertion order, which orders ties in a sort as the scan's stable sort does. */
  sequenceOf(id: string): number;
  /** How many documents the collection's scan of a filter would test: a walk gives up past that many entries. */
  scanSize(filter: Filter): number;
}

/**
 * A collection's ordered indexes, one per index spec that
 * `OrderedIndex.covers` (every spec but partial ones and those on nested
 * paths), kept by the same `record(previous, next)` calls as its other
 * indexes; they answer the sorted pages and counts they serve.
 */
export class OrderedIndexes {
  private readonly byName = new Map<string, OrderedIndex>();

  constructor(private readonly context: OrderedContext) {}

  /** Adds the index of a spec, built from `docs`, unless it has one already (or the spec gets none). */
  add(spec: IndexSpec, docs: Iterable<Doc>): void {
    if (OrderedIndex.covers(spec) && !this.byName.has(spec.name)) this.byName.set(spec.name, OrderedIndex.build(spec, docs));
  }

  /** Builds every index again from `docs` (once a collection is loaded). */
  rebuild(docs: Iterable<Doc>): void {
    const all = [...docs];
    for (const [name, index] of this.byName) this.byName.set(name, OrderedIndex.build(index.spec, all));
  }

  /** Moves a document's entries from its previous version to its next. */
  record(previous: Doc | undefined, next: Doc | undefined): void {
    for (const index of this.byName.values()) index.record(previous, next);
  }

  /** The sorted page of `find` when an index serves it (see `orderedFind`), else undefined. */
  find(filter: Filter, options: FindOptions): Doc[] | undefined {
    if (!options.sort || this.byName.size === 0) return undefined;
    return orderedFind(this.byName.values(), filter, { ...options, sort: options.sort }, { sequenceOf: this.context.sequenceOf, budget: () => this.context.scanSize(filter) });
  }

  /** How many documents match, when an index serves the filter (see `orderedCount`), else undefined. */
  count(filter: Filter): number | undefined {
    if (this.byName.size === 0) return undefined;
    return orderedCount(this.byName.values(), filter, { budget: () => this.context.scanSize(filter) });
  }
}
