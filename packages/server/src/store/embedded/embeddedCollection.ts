import { randomUUID } from 'node:crypto';
import { aggregate, find, Query } from 'mingo';
import type {
  Collection,
  Doc,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  Sort,
  Update,
  UpdateResult,
} from '../collection.js';
import { StoreError } from '../storeError.js';
import type { LogEntry } from './appendLog.js';
import { applyUpdate, assertOperatorUpdate, seedFromFilter } from './applyUpdate.js';
import { freezeValues, storedCopy } from './frozenValue.js';
import { OrderedIndexes } from './orderedIndexes.js';
import { candidateSource, planCandidates, SecondaryIndex } from './secondaryIndex.js';
import { simpleMatcher } from './simpleFilter.js';
import { UniqueIndex } from './uniqueIndex.js';

/** A change to apply: documents to put (new versions) and ids to delete. */
interface Change {
  put: Doc[];
  del: string[];
}

/**
 * A collection held in memory, executing MongoDB filters, updates and
 * pipelines with mingo. Each change is checked against the unique indexes,
 * applied, and written to the store's log; the returned promise resolves once
 * the log entry is on disk.
 *
 * Stored documents are never changed in place, and their values are deeply
 * frozen: an insert keeps a copy of what it was given, an update makes a new
 * version that shares the unchanged parts of the old one. A read answers each document as
 * a fresh top-level object over the stored, frozen values: the caller may set
 * and delete its fields, but a nested object or array it wants to change must
 * be copied first (changing it throws). Either way nothing stored changes, as
 * with MongoDB, and no read deep-copies a document.
 */
export class EmbeddedCollection<T extends Doc = Doc> implements Collection<T> {
  private readonly docs = new Map<string, Doc>();
  private readonly indexes = new Map<string, { spec: IndexSpec; unique?: UniqueIndex }>();
  /** Equality indexes by field, from every non-partial index: they narrow the documents a filter tests. */
  private readonly byField = new Map<string, SecondaryIndex>();
  /** Ordered indexes (orderedIndexes.ts): they serve ranges, sorts and counts. */
  private readonly ordered = new OrderedIndexes({
    sequenceOf: (id) => this.order(id),
    scanSize: (filter) => candidateSource(filter, this.byField, () => this.docs.keys(), (id) => this.docs.has(id))?.size ?? Infinity,
  });

  constructor(
    readonly name: string,
    private readonly persist: (entry: LogEntry) => Promise<void>,
  ) {}

  /** Replays a log entry (at start-up): no checks, no logging. */
  replay(entry: LogEntry): void {
    if (entry.index) this.addIndex(entry.index as unknown as IndexSpec);
    for (const id of entry.del ?? []) this.docs.delete(id);
    for (const doc of entry.put ?? []) this.docs.set((doc as Doc)._id, freezeValues(doc as Doc));
  }

  /** Rebuilds the unique indexes from the documents (after replay). */
  reindex(): void {
    for (const field of [...this.byField.keys()]) {
      const fresh = new SecondaryIndex({ name: field, keys: { [field]: 1 } });
      for (const doc of this.docs.values()) fresh.record(undefined, doc);
      this.byField.set(field, fresh);
    }
    for (const index of this.indexes.values()) {
      if (!index.unique) continue;
      index.unique = new UniqueIndex(index.spec);
      for (const doc of this.docs.values()) index.unique.record(undefined, doc);
    }
    // Ordered indexes; and insertion order (ties in a sort) numbered as the documents were loaded, as a scan meets them.
    for (const id of this.docs.keys()) this.order(id);
    this.ordered.rebuild(this.docs.values());
  }

  /** Everything needed to rebuild the collection: its documents and index specs. */
  snapshot(): { docs: Doc[]; indexes: IndexSpec[] } {
    return { docs: [...this.docs.values()], indexes: [...this.indexes.values()].map((i) => i.spec) };
  }

  private readonly sequence = new Map<string, number>();
  private nextSequence = 0;

  private order(id: string): number {
    let seq = this.sequence.get(id);
    if (seq === undefined) this.sequence.set(id, (seq = this.nextSequence++));
    return seq;
  }

  private all(): Doc[] {
    return [...this.docs.values()];
  }

  /** Documents matching a filter, in insertion order; with `limit`, the first that many found (no order promised, as in MongoDB without a sort). */
  private matching(filter: Filter, limit?: number): Doc[] {
    // The commonest filter, one document by its id, needs no plan.
    const keys = Object.keys(filter);
    if (keys.length === 1 && keys[0] === '_id' && typeof filter['_id'] === 'string') {
      const doc = this.docs.get(filter['_id']);
      return doc ? [doc] : [];
    }
    const candidates = planCandidates(filter, this.byField, () => this.docs.keys(), (id) => this.docs.has(id));
    // Building a mingo Query copies its operator registry: equality filters skip it.
    const test = simpleMatcher(filter) ?? ((query: Query) => (doc: Doc) => query.test(doc))(new Query(filter));
    if (!candidates) return this.all().filter(test);
    const found: Doc[] = [];
    for (const id of candidates) {
      const doc = this.docs.get(id);
      if (doc && test(doc)) found.push(doc);
      if (limit !== undefined && found.length >= limit) return found;
    }
    // Keep insertion order, as a scan would (an index lists a document again after each update of it).
    return this.inOrder(found) ? found : found.sort((a, b) => this.order(a._id) - this.order(b._id));
  }

  private inOrder(docs: readonly Doc[]): boolean {
    for (let i = 1; i < docs.length; i += 1) if (this.order(docs[i - 1]!._id) > this.order(docs[i]!._id)) return false;
    return true;
  }

  private async commit(change: Change): Promise<void> {
    // The versions being replaced and removed, by position in `put` and `del`.
    const replaced = change.put.map((doc) => this.docs.get(doc._id));
    const removed = change.del.map((id) => this.docs.get(id));
    for (const { unique } of this.indexes.values()) {
      if (!unique) continue;
      // Keys taken by earlier documents of this change (one document cannot clash with itself).
      const claimed = change.put.length > 1 ? new Map<string, string>() : undefined;
      change.put.forEach((doc, i) => unique.check(replaced[i], doc, claimed));
    }
    for (const { unique } of this.indexes.values()) {
      if (!unique) continue;
      removed.forEach((doc) => unique.record(doc, undefined));
      change.put.forEach((doc, i) => unique.record(replaced[i], doc));
    }
    for (const secondary of [...this.byField.values(), this.ordered]) {
      removed.forEach((doc) => secondary.record(doc, undefined));
      change.put.forEach((doc, i) => secondary.record(replaced[i], doc));
    }
    for (const id of change.del) {
      this.docs.delete(id);
      this.sequence.delete(id);
    }
    for (const doc of change.put) {
      this.docs.set(doc._id, doc);
      this.order(doc._id);
    }
    const entry: LogEntry = { c: this.name };
    if (change.put.length > 0) entry.put = change.put;
    if (change.del.length > 0) entry.del = change.del;
    await this.persist(entry);
  }

  async insertOne(doc: T): Promise<T> {
    if (typeof doc._id !== 'string' || doc._id === '') throw new StoreError('invalid-operation', 'A document needs a string _id');
    if (this.docs.has(doc._id)) {
      throw new StoreError('duplicate-key', `E11000 duplicate key error: index _id_ dup key ${doc._id}`, { index: '_id_', key: doc._id });
    }
    await this.commit({ put: [storedCopy<Doc>(doc)], del: [] });
    return doc;
  }

  async insertMany(docs: T[]): Promise<number> {
    const seen = new Set<string>();
    for (const doc of docs) {
      if (typeof doc._id !== 'string' || doc._id === '') throw new StoreError('invalid-operation', 'A document needs a string _id');
      if (this.docs.has(doc._id) || seen.has(doc._id)) {
        throw new StoreError('duplicate-key', `E11000 duplicate key error: index _id_ dup key ${doc._id}`, { index: '_id_', key: doc._id });
      }
      seen.add(doc._id);
    }
    if (docs.length > 0) await this.commit({ put: docs.map((doc) => storedCopy<Doc>(doc)), del: [] });
    return docs.length;
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit' | 'skip'> = {}): Promise<T | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 });
    return first ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const projection = options.projection;
    const plainProjection = !projection || isPlainInclusion(projection);
    const early = !options.sort && plainProjection && options.limit ? (options.skip ?? 0) + options.limit : undefined;
    // Ordered indexes: a sorted page one serves (orderedPlan.ts).
    const walked = this.ordered.find(filter, options);
    if (walked) return (projection ? find(walked, {}, projection).all() : walked).map(topLevel) as T[];
    const matched = this.matching(filter, early);
    if (!options.sort && plainProjection) {
      // The common case without mingo: a slice of the matches, with an inclusion projection.
      const page = matched.slice(options.skip ?? 0, options.limit ? (options.skip ?? 0) + options.limit : undefined);
      return (projection ? page.map((doc) => pick(doc, projection)) : page.map(topLevel)) as T[];
    }
    const sorted = options.sort ? sortScalars(matched, options.sort) : undefined;
    if (sorted) {
      const page = sorted.slice(options.skip ?? 0, options.limit ? (options.skip ?? 0) + options.limit : undefined);
      return (projection ? find(page, {}, projection).all() : page).map(topLevel) as T[];
    }
    let cursor = find(matched, {}, projection);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all().map(topLevel) as T[];
  }

  /**
   * `find` without the copy, for readers that change nothing (duplicate
   * scoring reads up to 200 candidates per check): the stored documents, or
   * with an inclusion projection of top-level fields new objects holding the
   * stored values. A sort no ordered index serves, or another projection, goes through `find`.
   */
  async findReadOnly(filter: Filter, options: FindOptions = {}): Promise<ReadonlyArray<Readonly<T>>> {
    const projection = options.projection;
    const fields = projection ? Object.entries(projection) : [];
    const plain = fields.every(([field, include]) => include === 1 && !field.includes('.'));
    // Ordered indexes: a sorted page one serves needs no copy either.
    const walked = plain ? this.ordered.find(filter, options) : undefined;
    if (!walked && (options.sort || !plain)) return this.find(filter, options);
    const skip = options.skip ?? 0;
    const end = options.limit ? skip + options.limit : undefined;
    const page = walked ?? this.matching(filter, end).slice(skip, end);
    if (!projection) return page as T[];
    const names = ['_id', ...fields.map(([field]) => field)];
    return page.map((doc) => {
      const shaped: Record<string, unknown> = {};
      for (const name of names) if (name in doc) shaped[name] = doc[name];
      return shaped as T;
    });
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    // Ordered indexes: a count one serves.
    return this.ordered.count(filter) ?? this.matching(filter).length;
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    assertOperatorUpdate(update);
    const [target] = this.matching(filter);
    if (!target) {
      if (!options.upsert) return { matchedCount: 0, modifiedCount: 0 };
      const inserted = this.upserted(filter, update);
      await this.commit({ put: [inserted], del: [] });
      return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id };
    }
    const next = applyUpdate(target, update, false);
    await this.commit({ put: [next], del: [] });
    return { matchedCount: 1, modifiedCount: 1 };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertOperatorUpdate(update);
    const targets = this.matching(filter);
    const next = targets.map((doc) => applyUpdate(doc, update, false));
    if (next.length > 0) await this.commit({ put: next, del: [] });
    return { matchedCount: targets.length, modifiedCount: next.length };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}): Promise<T | null> {
    assertOperatorUpdate(update);
    let candidates = this.matching(filter);
    if (options.sort && candidates.length > 1) candidates = find(candidates, {}).sort(options.sort).all() as Doc[];
    const [target] = candidates;
    if (!target) {
      if (!options.upsert) return null;
      const inserted = this.upserted(filter, update);
      await this.commit({ put: [inserted], del: [] });
      return options.returnDocument === 'before' ? null : (topLevel(inserted) as T);
    }
    const next = applyUpdate(target, update, false);
    await this.commit({ put: [next], del: [] });
    return topLevel(options.returnDocument === 'before' ? target : next) as T;
  }

  /** The document an upsert inserts; like MongoDB, an _id the filter names that exists already (the rest of the filter did not match) is a duplicate key. */
  private upserted(filter: Filter, update: Update): Doc {
    const inserted = applyUpdate(seedFromFilter(filter, randomUUID()), update, true);
    if (this.docs.has(inserted._id)) {
      throw new StoreError('duplicate-key', `E11000 duplicate key error: index _id_ dup key ${inserted._id}`, { index: '_id_', key: inserted._id });
    }
    return inserted;
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    const [target] = this.matching(filter);
    if (!target) return { deletedCount: 0 };
    await this.commit({ put: [], del: [target._id] });
    return { deletedCount: 1 };
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    const targets = this.matching(filter);
    if (targets.length > 0) await this.commit({ put: [], del: targets.map((doc) => doc._id) });
    return { deletedCount: targets.length };
  }

  async aggregate<R extends Record<string, unknown>>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    const [first, ...rest] = pipeline;
    const match = first?.['$match'] as Filter | undefined;
    // A leading $match is served by the indexes, as MongoDB would.
    const input = match ? this.matching(match) : this.all();
    return structuredClone(aggregate(input, match ? rest : pipeline)) as R[];
  }

  private addIndex(spec: IndexSpec): void {
    const entry: { spec: IndexSpec; unique?: UniqueIndex } = { spec };
    if (spec.unique) entry.unique = new UniqueIndex(spec);
    this.indexes.set(spec.name, entry);
    this.addSecondary(spec);
  }

  private addSecondary(spec: IndexSpec): void {
    this.ordered.add(spec, this.docs.values());
    const field = Object.keys(spec.keys)[0];
    if (spec.partialFilterExpression || !field || this.byField.has(field)) return;
    const secondary = new SecondaryIndex(spec);
    for (const doc of this.docs.values()) secondary.record(undefined, doc);
    this.byField.set(field, secondary);
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const existing = this.indexes.get(spec.name);
    if (existing) {
      if (JSON.stringify(existing.spec) !== JSON.stringify(spec)) {
        throw new StoreError('invalid-operation', `An index named ${spec.name} exists with different options`);
      }
      return;
    }
    if (spec.unique) {
      const index = new UniqueIndex(spec);
      const claimed = new Map<string, string>();
      for (const doc of this.docs.values()) index.check(undefined, doc, claimed);
      for (const doc of this.docs.values()) index.record(undefined, doc);
      this.indexes.set(spec.name, { spec, unique: index });
    } else {
      this.indexes.set(spec.name, { spec });
    }
    this.addSecondary(spec);
    await this.persist({ c: this.name, index: spec as unknown as Record<string, unknown> });
  }
}

/** A document as a read answers it: a fresh top-level object over the stored, frozen values. */
function topLevel(doc: Record<string, unknown>): Record<string, unknown> {
  return { ...doc };
}

/** Whether a projection only includes top-level fields. */
function isPlainInclusion(projection: Record<string, 0 | 1>): boolean {
  for (const field in projection) if (projection[field] !== 1 || field.includes('.')) return false;
  return true;
}

/** The `_id` and the fields of an inclusion projection, in a fresh object over the stored values. */
function pick(doc: Doc, projection: Record<string, 0 | 1>): Record<string, unknown> {
  const picked: Record<string, unknown> = { _id: doc._id };
  for (const field in projection) if (field in doc) picked[field] = doc[field];
  return picked;
}

/** MongoDB's order of the types a fast sort handles: missing and null, then numbers, then strings. */
function typeRank(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  return undefined;
}

/**
 * Sorts without mingo when every sort key is a top-level field holding a
 * number, a string, null or nothing (the common case, and the costly one on
 * large collections); undefined otherwise, and mingo sorts. Strings compare by
 * code unit, as MongoDB's binary comparison does for text without surrogate pairs.
 */
function sortScalars(docs: Doc[], sort: Sort): Doc[] | undefined {
  const keys = Object.entries(sort);
  if (keys.some(([field]) => field.includes('.'))) return undefined;
  for (const doc of docs) for (const [field] of keys) if (typeRank(doc[field]) === undefined) return undefined;
  return [...docs].sort((a, b) => {
    for (const [field, direction] of keys) {
      const x = a[field];
      const y = b[field];
      const rank = typeRank(x)! - typeRank(y)!;
      const order = rank !== 0 ? rank : x === y || (x == null && y == null) ? 0 : (x as number | string) < (y as number | string) ? -1 : 1;
      if (order !== 0) return order * direction;
    }
    return 0;
  });
}
