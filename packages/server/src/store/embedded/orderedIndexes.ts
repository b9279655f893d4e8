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

/** Milliseconds an index built in the background reads documents for per turn of the event loop: what a request may wait for it. */
const BACKGROUND_SLICE_MS = 4;
/** Documents read between looks at the clock. */
const CLOCK_EVERY = 32;

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
 * A packed collection (decisions, audit, events) parses each document once
 * to build an index: building them as the data folder loads made opening a
 * third slower (100k customers: 12.6-15.7 s against 9.5 s), and the time to
 * open is what every start pays; built at the first query, the decision
 * log's time index made the first simulation after a start pay 0.6 s per
 * 100k decisions. So the store has a packed collection build its waiting
 * indexes after it opens, off the request path (`buildInBackground`): a
 * slice of documents per turn of the event loop, each entered in the tree
 * as it is read. Changes made meanwhile go to the tree at once; a document
 * the walk then meets again is entered once. A query that needs the index
 * before it is done finishes it there and then.
 */
export class OrderedIndexes {
  private readonly byName = new Map<string, OrderedIndex>();
  /** Specs whose index is not built yet. */
  private readonly waiting = new Map<string, IndexSpec>();
  /** The index being built off the request path: the documents still to read, and the timer of its next slice. */
  private building: { name: string; index: OrderedIndex; docs: Iterator<Doc>; timer: NodeJS.Timeout | undefined } | undefined;

  constructor(private readonly context: OrderedContext) {}

  /** Takes a spec's index on, to be built when a query could use it (nothing if it has one, or the spec gets none). */
  add(spec: IndexSpec): void {
    if (OrderedIndex.covers(spec) && !this.byName.has(spec.name) && this.building?.name !== spec.name) this.waiting.set(spec.name, spec);
  }

  /**
   * Builds the waiting indexes one after another, reading documents for
   * `BACKGROUND_SLICE_MS` per turn of the event loop; `stopBuilding` ends it (the store
   * closes: until then the build keeps the process alive, as the store's
   * own work).
   */
  buildInBackground(): void {
    if (this.building) return;
    const next = this.waiting.entries().next();
    if (next.done) return;
    const [name, spec] = next.value;
    this.waiting.delete(name);
    this.building = { name, index: new OrderedIndex(spec, this.context.documentOf), docs: this.context.documents()[Symbol.iterator](), timer: undefined };
    this.buildSlice();
  }

  /** Settles once nothing is being built in the background (at once, if nothing is). */
  builtInBackground(): Promise<void> {
    if (!this.building) return Promise.resolve();
    return new Promise((resolve) => this.onBuilt.push(resolve));
  }

  private onBuilt: Array<() => void> = [];

  private settleBuilt(): void {
    if (this.building) return;
    const waiters = this.onBuilt;
    this.onBuilt = [];
    for (const resolve of waiters) resolve();
  }

  private readonly buildSlice = (): void => {
    const building = this.building;
    if (!building) return;
    const until = performance.now() + BACKGROUND_SLICE_MS;
    for (let i = 1; i % CLOCK_EVERY !== 0 || performance.now() < until; i += 1) {
      const next = building.docs.next();
      if (next.done) {
        this.finishBuilding();
        this.buildInBackground();
        this.settleBuilt();
        return;
      }
      building.index.include(next.value);
    }
    building.timer = setTimeout(this.buildSlice, 0);
  };

  /** Reads the rest of the documents of the index being built, now, and puts it to use. */
  private finishBuilding(): void {
    const building = this.building!;
    this.building = undefined;
    clearTimeout(building.timer);
    for (let next = building.docs.next(); !next.done; next = building.docs.next()) building.index.include(next.value);
    this.byName.set(building.name, building.index);
  }

  /** Stops building in the background (the store closes): what is half built is dropped, and waits again. */
  stopBuilding(): void {
    const building = this.building;
    if (!building) return;
    this.building = undefined;
    clearTimeout(building.timer);
    this.waiting.set(building.name, building.index.spec);
    this.settleBuilt();
  }

  /** Builds the waiting indexes on any of `fields` (finishing the one being built in the background, if it is one). */
  private buildFor(fields: readonly string[]): void {
    const onFields = (spec: IndexSpec) => Object.keys(spec.keys).some((field) => fields.includes(field));
    const finished = this.building !== undefined && onFields(this.building.index.spec);
    if (finished) this.finishBuilding();
    for (const [name, spec] of this.waiting) {
      if (!onFields(spec)) continue;
      this.waiting.delete(name);
      this.byName.set(name, OrderedIndex.build(spec, this.context.documents(), this.context.documentOf));
    }
    if (finished) {
      // The next waiting one, if any, goes on in the background.
      this.buildInBackground();
      this.settleBuilt();
    }
  }

  /** The fields a query orders or bounds. */
  private static rangedFields(filter: Filter): string[] {
    return Object.entries(filter).filter(([, condition]) => hasRange(condition)).map(([field]) => field);
  }

  /** Moves a document's entries from its previous version to its next. */
  record(previous: Doc | undefined, next: Doc | undefined): void {
    for (const index of this.byName.values()) index.record(previous, next);
    this.building?.index.record(previous, next);
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
    if (this.waiting.size > 0 || this.building) this.buildFor([...Object.keys(options.sort), ...OrderedIndexes.rangedFields(filter)]);
    if (this.byName.size === 0) return undefined;
    return orderedFind(this.byName.values(), filter, { ...options, sort: options.sort }, { sequenceOf: this.context.sequenceOf, budget: () => this.context.scanSize(filter) });
  }

  /** How many documents match, when an index serves the filter (see `orderedCount`), else undefined. */
  count(filter: Filter): number | undefined {
    if (this.waiting.size > 0 || this.building) this.buildFor(OrderedIndexes.rangedFields(filter));
    if (this.byName.size === 0) return undefined;
    return orderedCount(this.byName.values(), filter, { budget: () => this.context.scanSize(filter) });
  }
}
