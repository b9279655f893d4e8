import { newId } from '../newId.js';
import { aggregate, find, Query } from 'mingo';
import type {
  AtomicWrite,
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
import type { LogPart } from './appendLog.js';
import { applyUpdate, assertOperatorUpdate, replaysAlike, seedFromFilter } from './applyUpdate.js';
import type { DocTable, PackedDocument } from './docTable.js';
import { ObjectTable, PackedTable } from './docTable.js';
import { storedCopy } from './frozenValue.js';
import { OrderedIndexes } from './orderedIndexes.js';
import { PartialFilter } from './partialFilter.js';
import type { EqualityIndex } from './secondaryIndex.js';
import { candidateSource, exactlyIndexed, planCandidates, SecondaryIndex } from './secondaryIndex.js';
import { UniqueEquality } from './uniqueEquality.js';
import { simpleMatcher } from './simpleFilter.js';
import { UniqueIndex } from './uniqueIndex.js';

/** A change to apply: documents to put (new versions) and ids to delete; with `upd`, the log records these updates (by id, replayed on the version before) instead of the new versions (only updates that replay alike, see `replaysAlike`). */
export interface Change {
  put: Doc[];
  del: string[];
  upd?: Array<[string, Update]>;
}

/** A write prepared against the collection as it is now: what it changes (nothing, when it matched nothing) and what it answers. */
export interface PreparedWrite {
  change?: Change;
  result: UpdateResult;
}

function writeConflict(collection: string, position: number): StoreError {
  return new StoreError('write-conflict', `Write ${position + 1} of an atomic group (${collection}) matched no document`, { collection, write: position });
}

/**
 * A collection held in memory, executing MongoDB filters, updates and
 * pipelines with mingo. Each change is checked against the unique indexes,
 * applied, and written to the store's log; the returned promise resolves once
 * the log entry is on disk. Updates are logged as the update itself, by id
 * (replayed on the version before), not as the new version: a follow-up on a
 * claim writes its few fields, not the claim.
 *
 * Where the documents are kept is the table's business (`docTable.ts`): live
 * frozen objects, or packed JSON for the append-only collections.
 * Stored objects are never changed in place, and their values are deeply
 * frozen: an insert keeps a copy of what it was given, an update makes a new
 * version that shares the unchanged parts of the old one. A read answers each document as
 * a fresh top-level object over the stored, frozen values: the caller may set
 * and delete its fields, but a nested object or array it wants to change must
 * be copied first (changing it throws). Either way nothing stored changes, as
 * with MongoDB, and no read deep-copies a document.
 */
export class EmbeddedCollection<T extends Doc = Doc> implements Collection<T> {
  private readonly docs: DocTable;
  private readonly indexes = new Map<string, { spec: IndexSpec; unique?: UniqueIndex }>();
  /** Equality indexes by field, from every non-partial index: they narrow the documents a filter tests. */
  private readonly byField = new Map<string, EqualityIndex>();
  /** Equality indexes of partial index specs (on their first field): each narrows the filters implying its partial filter. */
  private readonly partials: SecondaryIndex[] = [];
  /** Ordered indexes (orderedIndexes.ts): they serve ranges, sorts and counts. */
  private readonly ordered: OrderedIndexes;

  constructor(
    readonly name: string,
    private readonly persist: (entry: LogPart) => Promise<void>,
    /** Keep documents as packed JSON (append-only collections: little memory, parsed when read). */
    readonly packed = false,
    /** Throws when the store takes no more writes (closed, or its log failed): checked before a change touches memory. */
    private readonly assertWritable: () => void = () => undefined,
  ) {
    this.docs = packed ? new PackedTable() : new ObjectTable();
    const context = {
      sequenceOf: (id: string) => this.order(id),
      scanSize: (filter: Filter) => candidateSource(filter, this.byField, () => this.docs.ids(), (id) => this.docs.has(id), this.partials)?.size ?? Infinity,
      documents: () => this.docs.values(),
      documentOf: (id: string) => this.docs.get(id),
    };
    this.ordered = new OrderedIndexes(context);
  }

  /**
   * A packed collection builds its waiting ordered indexes now, off the
   * request path (see `OrderedIndexes`): its documents are parsed to build
   * one, which its first sorted page would otherwise pay for. A collection of
   * objects builds each at its first query, which is quick.
   */
  indexInBackground(): void {
    if (this.packed) this.ordered.buildInBackground();
  }

  /** Settles once the indexes `indexInBackground` builds are built. */
  indexedInBackground(): Promise<void> {
    return this.ordered.builtInBackground();
  }

  /** Stops what `indexInBackground` started (the store closes). */
  stopIndexing(): void {
    this.ordered.stopBuilding();
  }

  /** How many documents the collection holds. */
  get size(): number {
    return this.docs.size;
  }

  /** Replays a logged change (at start-up): no checks, no logging; the indexes follow. */
  replay(part: LogPart): void {
    if (part.index) this.addIndex(part.index as unknown as IndexSpec);
    for (const id of part.del ?? []) this.swap(this.docs.get(id), undefined);
    for (const doc of part.put ?? []) this.load(doc as Doc);
    for (const [id, update] of part.upd ?? []) {
      const previous = this.docs.get(id);
      if (previous) this.swap(previous, applyUpdate(previous, update, false));
    }
  }

  /** Loads a document read from the data folder, replacing the version loaded before it, if any. */
  load(doc: Doc): void {
    // Once numbered, insertion order follows the documents as they load (see `order`).
    if (this.sequence) this.order(doc._id);
    const previous = this.docs.has(doc._id) ? this.docs.get(doc._id) : undefined;
    this.recordIndexes(previous, doc);
    this.docs.load(doc);
  }

  /**
   * Loads a document of a snapshot, which holds each document once: without
   * asking the table whether it holds it already (asking a map of a million
   * ids, each new to it, was 7% of an open). A packed table keeps `packed`,
   * the document's JSON as read. Answers false, and the collection is not to
   * be used, when the id was there already: the snapshot is damaged.
   */
  loadFresh(doc: Doc, packed?: PackedDocument): boolean {
    if (this.sequence) this.order(doc._id);
    const size = this.docs.size;
    this.docs.load(doc, packed);
    if (this.docs.size === size) return false;
    this.recordIndexes(undefined, doc);
    return true;
  }

  /** The index specs, for a checkpoint. */
  indexSpecs(): IndexSpec[] {
    return [...this.indexes.values()].map((index) => index.spec);
  }

  /** The documents as they are now, for a checkpoint: objects or packed JSON, never changed afterwards. */
  capture(): ReadonlyArray<Doc | PackedDocument> {
    return this.docs.capture();
  }

  /**
   * Each document's place in insertion order (ties in a sort, an index's
   * finds put back in the order a scan meets them), numbered the first time
   * one is asked for. The table keeps its documents in insertion order (a
   * replaced version keeps its place), so until then its order is the
   * numbering. Numbering every document as the data folder loaded took 7%
   * of opening a million customers (a map of five million entries); now the
   * decision log and the event feed are never numbered (their sorts end with
   * a unique field), and customers, claims and the audit trail are numbered
   * once, by the first query that asks (a registration's checks, the first
   * page of the audit trail), not at every start.
   */
  private sequence: Map<string, number> | undefined;
  private nextSequence = 0;

  private order(id: string): number {
    const sequence = (this.sequence ??= this.numbered());
    let seq = sequence.get(id);
    if (seq === undefined) sequence.set(id, (seq = this.nextSequence++));
    return seq;
  }

  /** The table's documents numbered in its order. */
  private numbered(): Map<string, number> {
    const sequence = new Map<string, number>();
    for (const id of this.docs.ids()) sequence.set(id, this.nextSequence++);
    return sequence;
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
    const candidates = planCandidates(filter, this.byField, () => this.docs.ids(), (id) => this.docs.has(id), this.partials);
    // Building a mingo Query copies its operator registry: equality filters skip it, and what an index answers exactly needs no test at all.
    const test = candidates && exactlyIndexed(filter, this.byField) ? () => true : (simpleMatcher(filter) ?? ((query: Query) => (doc: Doc) => query.test(doc))(new Query(filter)));
    if (!candidates) {
      const found: Doc[] = [];
      for (const doc of this.docs.values()) {
        if (test(doc)) found.push(doc);
        if (limit !== undefined && found.length >= limit) break;
      }
      return found;
    }
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

  /** Moves the indexes from a document's previous version to its next. */
  private recordIndexes(previous: Doc | undefined, next: Doc | undefined): void {
    for (const { unique } of this.indexes.values()) unique?.record(previous, next);
    for (const secondary of this.byField.values()) secondary.record(previous, next);
    for (const secondary of this.partials) secondary.record(previous, next);
    this.ordered.record(previous, next);
  }

  /** Replaces a document's version (`previous` → `next`; either may be missing) in the table and the indexes: no checks. */
  private swap(previous: Doc | undefined, next: Doc | undefined, json?: string): void {
    this.recordIndexes(previous, next);
    if (next) {
      this.docs.set(next, json);
      if (this.sequence) this.order(next._id);
    } else if (previous) {
      this.docs.delete(previous._id);
      this.sequence?.delete(previous._id);
    }
  }

  /**
   * Checks a change against the unique indexes and applies it in memory, at
   * once (nothing else runs in between): answers its log part, and how to
   * take it back if the atomic group it belongs to fails further on
   * (`undoable` false for a change written on its own, never taken back).
   */
  stage(change: Change, undoable = true): { part: LogPart; undo: () => void } {
    // The versions being replaced and removed, by position in `put` and `del`.
    const replaced = change.put.map((doc) => this.docs.get(doc._id));
    const removed = change.del.map((id) => this.docs.get(id));
    // Where the removed documents stood in insertion order, to put them back there if the change is taken back (asking numbers the collection: only for a change that can be).
    const removedAt = undoable ? change.del.map((id) => (this.docs.has(id) ? this.order(id) : undefined)) : [];
    for (const { unique } of this.indexes.values()) {
      if (!unique) continue;
      // Keys taken by earlier documents of this change (one document cannot clash with itself).
      const claimed = change.put.length > 1 ? new Map<unknown, string>() : undefined;
      change.put.forEach((doc, i) => unique.check(replaced[i], doc, claimed));
    }
    removed.forEach((doc) => doc && this.swap(doc, undefined));
    // A packed table keeps each document's JSON: serialised once, for the table and the log.
    const json = this.packed ? change.put.map((doc) => JSON.stringify(doc)) : undefined;
    change.put.forEach((doc, i) => this.swap(replaced[i], doc, json?.[i]));
    const part: LogPart = { c: this.name };
    if (change.upd) part.upd = change.upd;
    else if (change.put.length > 0) {
      part.put = change.put;
      if (json) part.putJson = json;
    }
    if (change.del.length > 0) part.del = change.del;
    const undo = () => {
      change.put.forEach((doc, i) => this.swap(doc, replaced[i]));
      let putBack = false;
      removed.forEach((doc, i) => {
        if (!doc) return;
        this.swap(undefined, doc);
        const at = removedAt[i];
        if (at !== undefined) {
          this.sequence?.set(doc._id, at);
          putBack = true;
        }
      });
      if (putBack) {
        this.docs.reorder((id) => this.order(id));
        this.ordered.reordered();
      }
    };
    return { part, undo };
  }

  private async commit(change: Change): Promise<void> {
    this.assertWritable();
    // A change of its own is never taken back: a failed log write stops the store.
    await this.persist(this.stage(change, false).part);
  }

  /** Prepares one write of an atomic group against the collection as it is now (earlier writes of the group applied). */
  prepare(write: AtomicWrite, position: number): PreparedWrite {
    if ('insertOne' in write) {
      const document = 'make' in write.insertOne ? write.insertOne.make() : write.insertOne.document;
      return { change: { put: [this.newDocument(document as T)], del: [] }, result: { matchedCount: 0, modifiedCount: 0 } };
    }
    if ('updateOne' in write) {
      const { filter, update, upsert, mustMatch } = write.updateOne;
      const prepared = this.prepareUpdate(filter, update, upsert === true);
      if (mustMatch && !prepared.change) throw writeConflict(this.name, position);
      return prepared;
    }
    if ('updateMany' in write) return this.prepareUpdateMany(write.updateMany.filter, write.updateMany.update);
    const [target] = this.matching(write.deleteOne.filter, 1);
    if (!target) {
      if (write.deleteOne.mustMatch) throw writeConflict(this.name, position);
      return { result: { matchedCount: 0, modifiedCount: 0 } };
    }
    return { change: { put: [], del: [target._id] }, result: { matchedCount: 1, modifiedCount: 1 } };
  }

  /** A document to insert, checked for its `_id`, as the store keeps it. */
  private newDocument(doc: T, batch?: Set<string>): Doc {
    if (typeof doc._id !== 'string' || doc._id === '') throw new StoreError('invalid-operation', 'A document needs a string _id');
    if (this.docs.has(doc._id) || batch?.has(doc._id)) {
      throw new StoreError('duplicate-key', `E11000 duplicate key error: index _id_ dup key ${doc._id}`, { index: '_id_', key: doc._id });
    }
    batch?.add(doc._id);
    // A packed table keeps the document's JSON, and the log writes it, before the write returns: nothing keeps the caller's objects, so nothing is copied.
    return this.packed ? doc : storedCopy<Doc>(doc);
  }

  private prepareUpdate(filter: Filter, update: Update, upsert: boolean): PreparedWrite {
    assertOperatorUpdate(update);
    const [target] = this.matching(filter, 1);
    if (!target) {
      if (!upsert) return { result: { matchedCount: 0, modifiedCount: 0 } };
      const inserted = this.upserted(filter, update);
      return { change: { put: [inserted], del: [] }, result: { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id } };
    }
    const change: Change = { put: [applyUpdate(target, update, false)], del: [] };
    if (replaysAlike(update)) change.upd = [[target._id, update]];
    return { change, result: { matchedCount: 1, modifiedCount: 1 } };
  }

  private prepareUpdateMany(filter: Filter, update: Update): PreparedWrite {
    assertOperatorUpdate(update);
    const targets = this.matching(filter);
    const result = { matchedCount: targets.length, modifiedCount: targets.length };
    if (targets.length === 0) return { result };
    const change: Change = { put: targets.map((doc) => applyUpdate(doc, update, false)), del: [] };
    if (replaysAlike(update)) change.upd = targets.map((doc) => [doc._id, update]);
    return { change, result };
  }

  async insertOne(doc: T): Promise<T> {
    await this.commit({ put: [this.newDocument(doc)], del: [] });
    return doc;
  }

  async insertMany(docs: T[]): Promise<number> {
    const seen = new Set<string>();
    const stored = docs.map((doc) => this.newDocument(doc, seen));
    if (stored.length > 0) await this.commit({ put: stored, del: [] });
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
    // Read without a list of the projection's fields per call: a duplicate check reads candidates five times.
    const plain = !projection || isPlainInclusion(projection);
    // Ordered indexes: a sorted page one serves needs no copy either.
    const walked = plain ? this.ordered.find(filter, options) : undefined;
    if (!walked && (options.sort || !plain)) return this.find(filter, options);
    const skip = options.skip ?? 0;
    const end = options.limit ? skip + options.limit : undefined;
    const page = walked ?? this.matching(filter, end).slice(skip, end);
    if (!projection) return page as T[];
    return page.map((doc) => pick(doc, projection) as T);
  }

  /** `find`'s documents as JSON text; a sorted page an ordered index serves, without a projection, is read from a packed collection's stored text unparsed. */
  async findJson(filter: Filter, options: FindOptions = {}): Promise<string[]> {
    const ids = options.projection ? undefined : this.ordered.findIds(filter, options);
    if (!ids) return (await this.findReadOnly(filter, options)).map((doc) => JSON.stringify(doc));
    const texts: string[] = [];
    for (const id of ids) {
      const text = this.docs.json(id);
      if (text !== undefined) texts.push(text);
    }
    return texts;
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    if (Object.keys(filter).length === 0) return this.docs.size;
    // Ordered indexes: a count one serves.
    return this.ordered.count(filter) ?? this.matching(filter).length;
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const { change, result } = this.prepareUpdate(filter, update, options.upsert === true);
    if (change) await this.commit(change);
    return result;
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const { change, result } = this.prepareUpdateMany(filter, update);
    if (change) await this.commit(change);
    return result;
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
    await this.commit(replaysAlike(update) ? { put: [next], del: [], upd: [[target._id, update]] } : { put: [next], del: [] });
    return topLevel(options.returnDocument === 'before' ? target : next) as T;
  }

  /** The document an upsert inserts; like MongoDB, an _id the filter names that exists already (the rest of the filter did not match) is a duplicate key. */
  private upserted(filter: Filter, update: Update): Doc {
    const inserted = applyUpdate(seedFromFilter(filter, newId()), update, true);
    if (this.docs.has(inserted._id)) {
      throw new StoreError('duplicate-key', `E11000 duplicate key error: index _id_ dup key ${inserted._id}`, { index: '_id_', key: inserted._id });
    }
    return inserted;
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    const [target] = this.matching(filter, 1);
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

  /** Adds a logged index (at start-up), recording the documents already loaded. */
  private addIndex(spec: IndexSpec): void {
    const entry: { spec: IndexSpec; unique?: UniqueIndex } = { spec };
    if (spec.unique) {
      entry.unique = new UniqueIndex(spec);
      for (const doc of this.docs.values()) entry.unique.record(undefined, doc);
    }
    this.indexes.set(spec.name, entry);
    this.addSecondary(spec, entry.unique);
  }

  private addSecondary(spec: IndexSpec, unique?: UniqueIndex): void {
    this.ordered.add(spec);
    const field = Object.keys(spec.keys)[0];
    // A partial index narrows only where no full one on its field does: the full one holds what it would, and more.
    if (!field || !PartialFilter.usable(spec) || this.byField.has(field)) return;
    if (unique?.servesEquality) {
      this.byField.set(field, new UniqueEquality(unique));
      for (let i = this.partials.length - 1; i >= 0; i -= 1) if (this.partials[i]!.field === field) this.partials.splice(i, 1);
      return;
    }
    const secondary = new SecondaryIndex(spec);
    for (const doc of this.docs.values()) secondary.record(undefined, doc);
    if (secondary.partial) {
      this.partials.push(secondary);
      return;
    }
    this.byField.set(field, secondary);
    for (let i = this.partials.length - 1; i >= 0; i -= 1) if (this.partials[i]!.field === field) this.partials.splice(i, 1);
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
      const claimed = new Map<unknown, string>();
      for (const doc of this.docs.values()) index.check(undefined, doc, claimed);
      for (const doc of this.docs.values()) index.record(undefined, doc);
      this.indexes.set(spec.name, { spec, unique: index });
      this.addSecondary(spec, index);
    } else {
      this.indexes.set(spec.name, { spec });
      this.addSecondary(spec);
    }
    this.indexInBackground();
    await this.persist({ c: this.name, index: spec as unknown as Record<string, unknown> });
  }

  async listIndexes(): Promise<IndexSpec[]> {
    return [...this.indexes.values()].map(({ spec }) => structuredClone(spec));
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
