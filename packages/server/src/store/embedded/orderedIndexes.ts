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

/** Milliseconds of building in the background per turn of the event loop, for every collection of the process together: what a request may wait for it. */
const BACKGROUND_SLICE_MS = 4;
/** Documents read between looks at the clock. */
const CLOCK_EVERY = 32;

/** A collection's indexes built in the background, as the scheduler runs them. */
interface BackgroundBuild {
  /** Reads documents until `until` (a `performance.now()` time); answers true when there is nothing left to build. */
  slice(until: number): boolean;
  /** Whether someone waits for it (`EmbeddedStore.indexed`): the process then stays alive for it. */
  readonly awaited: boolean;
}

/**
 * Runs every background build of the process, one turn of the event loop at
 * a time: each turn gives `BACKGROUND_SLICE_MS` to the builds in line, the
 * first one first, however many collections build at once. Its timer keeps
 * the process alive only while someone waits for a build: a script that
 * opens a store and leaves still exits.
 */
class BackgroundBuilds {
  private readonly line = new Set<BackgroundBuild>();
  private timer: NodeJS.Timeout | undefined;

  has(build: BackgroundBuild): boolean {
    return this.line.has(build);
  }

  enter(build: BackgroundBuild): void {
    this.line.add(build);
    this.schedule();
  }

  leave(build: BackgroundBuild): void {
    this.line.delete(build);
    if (this.line.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Holds the process for the builds while one is awaited, and lets it go otherwise. */
  refresh(): void {
    if (!this.timer) return;
    if ([...this.line].some((build) => build.awaited)) this.timer.ref();
    else this.timer.unref();
  }

  private schedule(): void {
    if (this.timer || this.line.size === 0) return;
    this.timer = setTimeout(this.turn, 0);
    this.refresh();
  }

  private readonly turn = (): void => {
    this.timer = undefined;
    const until = performance.now() + BACKGROUND_SLICE_MS;
    for (const build of this.line) {
      if (performance.now() >= until) break;
      if (build.slice(until)) this.line.delete(build);
    }
    this.schedule();
  };
}

const backgroundBuilds = new BackgroundBuilds();

const RANGE = ['$gt', '$gte', '$lt', '$lte'];
const hasRange = (condition: unknown) => condition !== null && typeof condition === 'object' && !Array.isArray(condition) && RANGE.some((operator) => operator in condition);

/**
 * A collection's ordered indexes, one per index spec that
 * `OrderedIndex.covers` (every spec but those on nested paths and partial
 * ones with a filter the planner does not understand), kept by the same `record(previous, next)` calls as its other
 * indexes; they answer the sorted pages and counts they serve.
 *
 * An index of a collection held as objects is built the first time a query
 * could use it: a sort on one of its fields, or a range on one. Most specs
 * serve equality lookups only (identity keys, blocking keys, a rep's claims),
 * which the equality indexes answer; building them all would cost every
 * start time and memory for nothing. A first sorted page of a large
 * collection pays for the build once (a second or so per million documents
 * held as objects).
 *
 * A packed collection (decisions, audit, events) parses each document once
 * to build an index: building them as the data folder loads made opening a
 * third slower (100k customers: 12.6-15.7 s against 9.5 s), and the time to
 * open is what every start pays; built at the first query, the decision
 * log's time index made the first simulation after a start pay 0.6 s per
 * 100k decisions. So a packed collection builds every index it is given
 * after the store opens, off the request path (`buildInBackground`, run by
 * `BackgroundBuilds`), entering each document in the tree as it is read;
 * an index that serves equality alone gets its tree too (about 160 bytes an
 * entry). Changes made meanwhile go to the tree at once, and a document the
 * walk then meets again is entered once; when a failed write group puts
 * documents back and the table is reordered (a new map), the walk starts
 * again over the new one. A query that needs the index before it is done
 * finishes it there and then.
 */
export class OrderedIndexes implements BackgroundBuild {
  private readonly byName = new Map<string, OrderedIndex>();
  /** Specs whose index is not built yet. */
  private readonly waiting = new Map<string, IndexSpec>();
  /** The index being built off the request path, and the documents it has still to read. */
  private building: { name: string; index: OrderedIndex; docs: Iterator<Doc> } | undefined;
  /** Set when the store closes: nothing is built in the background after. */
  private stopped = false;
  private onBuilt: Array<() => void> = [];

  constructor(private readonly context: OrderedContext) {}

  /** Whether someone waits for the background build (`BackgroundBuild`). */
  get awaited(): boolean {
    return this.onBuilt.length > 0;
  }

  /** Takes a spec's index on, to be built when a query could use it, or in the background (nothing if it has one, or the spec gets none). */
  add(spec: IndexSpec): void {
    if (OrderedIndex.covers(spec) && !this.byName.has(spec.name) && this.building?.name !== spec.name) this.waiting.set(spec.name, spec);
  }

  /** Builds the waiting indexes one after another in the background (`BackgroundBuilds`), until `stopBuilding`. */
  buildInBackground(): void {
    if (this.stopped || this.waiting.size === 0 || backgroundBuilds.has(this)) return;
    backgroundBuilds.enter(this);
  }

  /** Settles once nothing is being built in the background (at once, if nothing is). */
  builtInBackground(): Promise<void> {
    if (!backgroundBuilds.has(this)) return Promise.resolve();
    const built = new Promise<void>((resolve) => this.onBuilt.push(resolve));
    backgroundBuilds.refresh();
    return built;
  }

  private settleBuilt(): void {
    const waiters = this.onBuilt;
    this.onBuilt = [];
    for (const resolve of waiters) resolve();
  }

  /** Reads documents for the index being built (starting the next waiting one as each is done) until `until`; true when nothing is left (`BackgroundBuild`). */
  slice(until: number): boolean {
    try {
      return this.read(until);
    } catch {
      // A document that cannot be read (a damaged one): the index waits for a query, which then says what is wrong.
      const building = this.building;
      this.building = undefined;
      if (building) this.waiting.set(building.name, building.index.spec);
      this.settleBuilt();
      return true;
    }
  }

  private read(until: number): boolean {
    for (let read = 1; ; read += 1) {
      if (!this.building) {
        const next = this.waiting.entries().next();
        if (next.done) {
          this.settleBuilt();
          return true;
        }
        const [name, spec] = next.value;
        this.waiting.delete(name);
        this.building = { name, index: new OrderedIndex(spec, this.context.documentOf), docs: this.context.documents()[Symbol.iterator]() };
      }
      const next = this.building.docs.next();
      if (next.done) this.finishBuilding();
      else this.building.index.include(next.value);
      if (read % CLOCK_EVERY === 0 && performance.now() >= until) return false;
    }
  }

  /** Reads the rest of the documents of the index being built, now, and puts it to use. */
  private finishBuilding(): void {
    const building = this.building!;
    this.building = undefined;
    for (let next = building.docs.next(); !next.done; next = building.docs.next()) building.index.include(next.value);
    this.byName.set(building.name, building.index);
  }

  /** The table's documents were put in a new order (a new map): the walk of the index being built starts again over it (documents it entered are entered once). */
  reordered(): void {
    if (this.building) this.building.docs = this.context.documents()[Symbol.iterator]();
  }

  /** Stops building in the background for good (the store closes): what is half built is dropped, and waits for a query. */
  stopBuilding(): void {
    this.stopped = true;
    backgroundBuilds.leave(this);
    const building = this.building;
    this.building = undefined;
    if (building) this.waiting.set(building.name, building.index.spec);
    this.settleBuilt();
  }

  /** Builds the waiting indexes on any of `fields` (finishing the one being built in the background, if it is one). */
  private buildFor(fields: readonly string[]): void {
    const onFields = (spec: IndexSpec) => Object.keys(spec.keys).some((field) => fields.includes(field));
    // The background build goes on with the next waiting one, if any, at its next turn.
    if (this.building && onFields(this.building.index.spec)) this.finishBuilding();
    for (const [name, spec] of this.waiting) {
      if (!onFields(spec)) continue;
      this.waiting.delete(name);
      this.byName.set(name, OrderedIndex.build(spec, this.context.documents(), this.context.documentOf));
    }
    // Nothing left for the background: out of its line now, not after the builds ahead of it.
    if (!this.building && this.waiting.size === 0 && backgroundBuilds.has(this)) {
      backgroundBuilds.leave(this);
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
