/** A stored document. Ids are strings the application chooses, the same on every store. */
export type Doc = { _id: string } & Record<string, unknown>;

/** A MongoDB query filter. */
export type Filter = Record<string, unknown>;

/** A MongoDB update document of operators (`$set`, `$inc`, `$push`, `$setOnInsert`, …). */
export type Update = Record<string, unknown>;

export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
  projection?: Record<string, 0 | 1>;
}

export interface FindOneAndUpdateOptions {
  sort?: Sort;
  upsert?: boolean;
  /** Which version to return (default `after`). */
  returnDocument?: 'before' | 'after';
}

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Only documents matching this filter are indexed (MongoDB partial index). */
  partialFilterExpression?: Filter;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId?: string;
}

/**
 * The collection interface every store implements, in MongoDB's dialect:
 * repositories are written once against it.
 *
 * What a read answers is the caller's at its top level (set or delete fields
 * at will), but nested objects and arrays may be shared with the store: the
 * embedded store hands out its own frozen values, so copy a nested part before
 * changing it. Nothing a caller does to what it reads, inserted or passed to
 * an update ever changes what is stored.
 */
export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  /** Inserts; rejects with `StoreError('duplicate-key')` when a unique index forbids it. */
  insertOne(doc: T): Promise<T>;
  /** Inserts several documents as one write; with a duplicate key none of them is inserted on the embedded store (MongoDB: ordered, up to the first failure). */
  insertMany(docs: T[]): Promise<number>;
  findOne(filter: Filter, options?: Omit<FindOptions, 'limit' | 'skip'>): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  /**
   * Like `find`, for a caller that only reads the documents (e.g. to score
   * them): a store may return its own objects rather than copies (the embedded
   * store does, with a top-level projection and no sort or one an index serves), so nothing in them
   * may be changed, at any depth.
   */
  findReadOnly(filter: Filter, options?: FindOptions): Promise<ReadonlyArray<Readonly<T>>>;
  /**
   * `find`'s documents as JSON text, one string each, for a caller that
   * passes them on unparsed (a simulation hands its pages to a worker
   * thread). The embedded store answers a packed collection's sorted page
   * from its stored text, parsing nothing.
   */
  findJson(filter: Filter, options?: FindOptions): Promise<string[]>;
  countDocuments(filter?: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomically finds one document (the first in `sort`), updates it and returns it. */
  findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null>;
  deleteOne(filter: Filter): Promise<{ deletedCount: number }>;
  deleteMany(filter: Filter): Promise<{ deletedCount: number }>;
  aggregate<R extends Record<string, unknown> = Record<string, unknown>>(pipeline: Record<string, unknown>[]): Promise<R[]>;
  /** Creates an index if it does not exist; unique and partial indexes are enforced. */
  createIndex(spec: IndexSpec): Promise<void>;
  /** The indexes created on the collection, as specified (never MongoDB's own `_id_`); none for a collection that does not exist. */
  listIndexes(): Promise<IndexSpec[]>;
}

/**
 * One write of an atomic group (`Store.writeAtomically`), in the shape of
 * MongoDB's bulk writes. With `mustMatch`, a filter that matches nothing fails
 * the whole group with `StoreError('write-conflict')` (someone else changed
 * the document first): the group's other writes are not made.
 *
 * An insert's document may be made by `make` at the moment the store makes
 * that write, for a value that must follow the order in which writes are
 * made (the event feed's `seq`); a group that fails after it was made still
 * writes nothing.
 */
export type AtomicWrite =
  | { collection: string; insertOne: { document: Doc } | { make: () => Doc } }
  | { collection: string; updateOne: { filter: Filter; update: Update; upsert?: boolean; mustMatch?: boolean } }
  | { collection: string; updateMany: { filter: Filter; update: Update } }
  | { collection: string; deleteOne: { filter: Filter; mustMatch?: boolean } };

/** What `GET /api/health` reports of a store. */
export interface StoreHealth {
  kind: 'embedded' | 'mongodb';
  ok: boolean;
  detail: Record<string, unknown>;
}

/** A database: named collections. */
export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  /**
   * Makes several writes, to one or more collections, as one step: all of
   * them or none. The embedded store applies them together and logs them as
   * one entry with one fsync. MongoDB runs them in a transaction when the
   * deployment supports one (a replica set or a sharded cluster); on a
   * standalone server they run one after another, and a failure part-way
   * leaves the earlier ones made (`atomicWrites` in `health()` says which).
   * Rejects with the first write's `StoreError` (`duplicate-key`,
   * `write-conflict`), and then nothing was written.
   */
  writeAtomically(writes: readonly AtomicWrite[]): Promise<UpdateResult[]>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
