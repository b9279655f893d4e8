import { MongoClient, MongoServerError } from 'mongodb';
import type { ClientSession, Collection as DriverCollection, Db, Document } from 'mongodb';
import type {
  AtomicWrite,
  Collection,
  Doc,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  Store,
  StoreHealth,
  Update,
  UpdateResult,
} from '../collection.js';
import { StoreError } from '../storeError.js';

function conflict(collection: string, position: number): StoreError {
  return new StoreError('write-conflict', `Write ${position + 1} of an atomic group (${collection}) matched no document`, { collection, write: position });
}

/** MongoDB's code for a collection that does not exist. */
const NAMESPACE_NOT_FOUND = 26;

function translate(error: unknown): never {
  if (error instanceof MongoServerError && error.code === 11000) {
    const keyValue = (error as MongoServerError & { keyValue?: unknown }).keyValue;
    const index = /index: (\S+)/.exec(error.message)?.[1];
    throw new StoreError('duplicate-key', error.message, { ...(index ? { index } : {}), key: keyValue });
  }
  throw error;
}

class MongoCollection<T extends Doc> implements Collection<T> {
  constructor(private readonly inner: DriverCollection<Document>) {}

  get name(): string {
    return this.inner.collectionName;
  }

  async insertOne(doc: T): Promise<T> {
    try {
      await this.inner.insertOne(structuredClone(doc) as Document);
      return doc;
    } catch (error) {
      return translate(error);
    }
  }

  async insertMany(docs: T[]): Promise<number> {
    if (docs.length === 0) return 0;
    try {
      return (await this.inner.insertMany(structuredClone(docs) as Document[], { ordered: true })).insertedCount;
    } catch (error) {
      return translate(error);
    }
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit' | 'skip'> = {}): Promise<T | null> {
    return (await this.inner.findOne(filter, options)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.inner.find(filter, options.projection ? { projection: options.projection } : {});
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  /** The driver returns fresh documents: the same as `find`. */
  findReadOnly(filter: Filter, options: FindOptions = {}): Promise<ReadonlyArray<Readonly<T>>> {
    return this.find(filter, options);
  }

  async findJson(filter: Filter, options: FindOptions = {}): Promise<string[]> {
    return (await this.find(filter, options)).map((doc) => JSON.stringify(doc));
  }

  countDocuments(filter: Filter = {}): Promise<number> {
    return this.inner.countDocuments(filter);
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    try {
      const result = await this.inner.updateOne(filter, update, options);
      return {
        matchedCount: result.matchedCount,
        modifiedCount: result.modifiedCount,
        ...(result.upsertedId ? { upsertedId: String(result.upsertedId) } : {}),
      };
    } catch (error) {
      return translate(error);
    }
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    try {
      const result = await this.inner.updateMany(filter, update);
      return { matchedCount: result.matchedCount, modifiedCount: result.modifiedCount };
    } catch (error) {
      return translate(error);
    }
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}): Promise<T | null> {
    try {
      return (await this.inner.findOneAndUpdate(filter, update, {
        returnDocument: options.returnDocument ?? 'after',
        ...(options.sort ? { sort: options.sort } : {}),
        ...(options.upsert ? { upsert: true } : {}),
      })) as T | null;
    } catch (error) {
      return translate(error);
    }
  }

  async deleteOne(filter: Filter): Promise<{ deletedCount: number }> {
    return { deletedCount: (await this.inner.deleteOne(filter)).deletedCount };
  }

  async deleteMany(filter: Filter): Promise<{ deletedCount: number }> {
    return { deletedCount: (await this.inner.deleteMany(filter)).deletedCount };
  }

  async aggregate<R extends Record<string, unknown>>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    return (await this.inner.aggregate(pipeline).toArray()) as R[];
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    try {
      await this.inner.createIndex(spec.keys, {
        name: spec.name,
        ...(spec.unique ? { unique: true } : {}),
        ...(spec.partialFilterExpression ? { partialFilterExpression: spec.partialFilterExpression } : {}),
      });
    } catch (error) {
      translate(error);
    }
  }

  async listIndexes(): Promise<IndexSpec[]> {
    let found: Document[];
    try {
      found = await this.inner.listIndexes().toArray();
    } catch (error) {
      // A collection nothing was written to does not exist yet, and has no index.
      if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return [];
      throw error;
    }
    return found
      .filter((index) => index['name'] !== '_id_')
      .map((index) => ({
        name: String(index['name']),
        keys: index['key'] as IndexSpec['keys'],
        ...(index['unique'] ? { unique: true } : {}),
        ...(index['partialFilterExpression'] ? { partialFilterExpression: index['partialFilterExpression'] as Filter } : {}),
      }));
  }
}

/** MongoDB through the official driver; writes are acknowledged by a majority and journaled. */
export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  /** Whether the deployment runs transactions: a replica set member or a sharded cluster's router (not a standalone server). */
  private transactions: Promise<boolean> | undefined;

  private supportsTransactions(): Promise<boolean> {
    this.transactions ??= this.db
      .command({ hello: 1 })
      .then((hello) => typeof hello['setName'] === 'string' || hello['msg'] === 'isdbgrid')
      .catch(() => false);
    return this.transactions;
  }

  async writeAtomically(writes: readonly AtomicWrite[]): Promise<UpdateResult[]> {
    if (!(await this.supportsTransactions())) return this.writeInTurn(writes, undefined);
    const session = this.client.startSession();
    try {
      let results: UpdateResult[] = [];
      await session.withTransaction(async () => {
        results = await this.writeInTurn(writes, session);
      });
      return results;
    } catch (error) {
      return translate(error);
    } finally {
      await session.endSession();
    }
  }

  /** The writes one after another, in `session` when there is one. */
  private async writeInTurn(writes: readonly AtomicWrite[], session: ClientSession | undefined): Promise<UpdateResult[]> {
    const results: UpdateResult[] = [];
    const options = session ? { session } : {};
    try {
      for (const [position, write] of writes.entries()) {
        const inner = this.db.collection(write.collection);
        let result: UpdateResult;
        if ('insertOne' in write) {
          await inner.insertOne(structuredClone('make' in write.insertOne ? write.insertOne.make() : write.insertOne.document) as Document, options);
          result = { matchedCount: 0, modifiedCount: 0 };
        } else if ('updateOne' in write) {
          const { filter, update, upsert, mustMatch } = write.updateOne;
          const done = await inner.updateOne(filter, update, { ...options, ...(upsert ? { upsert } : {}) });
          result = { matchedCount: done.matchedCount, modifiedCount: done.modifiedCount, ...(done.upsertedId ? { upsertedId: String(done.upsertedId) } : {}) };
          if (mustMatch && done.matchedCount === 0 && !done.upsertedId) throw conflict(write.collection, position);
        } else if ('updateMany' in write) {
          const done = await inner.updateMany(write.updateMany.filter, write.updateMany.update, options);
          result = { matchedCount: done.matchedCount, modifiedCount: done.modifiedCount };
        } else {
          const done = await inner.deleteOne(write.deleteOne.filter, options);
          if (write.deleteOne.mustMatch && done.deletedCount === 0) throw conflict(write.collection, position);
          result = { matchedCount: done.deletedCount, modifiedCount: done.deletedCount };
        }
        results.push(result);
      }
    } catch (error) {
      return translate(error);
    }
    return results;
  }

  /** Connects to `uri` (the database named in it, or `crm-policy`). */
  static async connect(uri: string, databaseName?: string): Promise<MongoStore> {
    const client = new MongoClient(uri, { writeConcern: { w: 'majority', journal: true }, serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
    } catch (error) {
      throw new StoreError('store-unavailable', `Cannot reach MongoDB at the MONGODB_URI given: ${(error as Error).message}`);
    }
    return new MongoStore(client, client.db(databaseName));
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    return new MongoCollection<T>(this.db.collection(name));
  }

  async health(): Promise<StoreHealth> {
    try {
      const stats = await this.db.stats();
      const collections: Record<string, number> = {};
      for (const { name } of await this.db.listCollections({}, { nameOnly: true }).toArray()) collections[name] = await this.db.collection(name).estimatedDocumentCount();
      return {
        kind: 'mongodb',
        ok: true,
        detail: {
          database: this.db.databaseName,
          atomicWrites: (await this.supportsTransactions()) ? 'transactions' : 'in turn (standalone server: no transactions)',
          collections,
          bytesOnDisk: { storage: Number(stats['storageSize'] ?? 0), indexes: Number(stats['indexSize'] ?? 0) },
        },
      };
    } catch (error) {
      return { kind: 'mongodb', ok: false, detail: { database: this.db.databaseName, error: (error as Error).message } };
    }
  }

  /** Drops the database: for tests only. */
  async dropDatabase(): Promise<void> {
    await this.db.dropDatabase();
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
