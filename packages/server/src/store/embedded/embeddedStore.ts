import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Collection, Doc, IndexSpec, Store, StoreHealth } from '../collection.js';
import { StoreError } from '../storeError.js';
import { AppendLog, logPath, readLog, snapshotPath, writeFileAtomically } from './appendLog.js';
import type { LogEntry } from './appendLog.js';
import { lockDataFolder } from './dataLock.js';
import { EmbeddedCollection } from './embeddedCollection.js';

type Snapshot = Record<string, { docs: Doc[]; indexes: IndexSpec[] }>;

/**
 * The embedded store: collections in memory, every acknowledged write in an
 * append-only log on disk (fsync before the write resolves). On open it loads
 * the last snapshot, replays the log, writes a new snapshot and starts a fresh
 * log (compaction).
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, EmbeddedCollection>();
  private log!: AppendLog;
  private unlock!: () => void;
  private closed = false;

  private constructor(readonly dir: string) {}

  /** Opens (creating if needed) the store in `dir`. */
  static async open(dir: string): Promise<EmbeddedStore> {
    const store = new EmbeddedStore(resolve(dir));
    mkdirSync(store.dir, { recursive: true });
    store.unlock = lockDataFolder(store.dir);
    try {
      store.load();
      writeFileAtomically(snapshotPath(store.dir), JSON.stringify(store.snapshot()));
      store.log = await AppendLog.open(logPath(store.dir), true);
    } catch (error) {
      store.unlock();
      throw error;
    }
    return store;
  }

  private load(): void {
    const path = snapshotPath(this.dir);
    if (existsSync(path)) {
      let snapshot: Snapshot;
      try {
        snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
      } catch (error) {
        throw new StoreError('store-corrupt', `${path} is damaged: ${(error as Error).message}`);
      }
      for (const [name, { docs, indexes }] of Object.entries(snapshot)) {
        const collection = this.collectionNamed(name);
        for (const spec of indexes) collection.replay({ c: name, index: spec as unknown as Record<string, unknown> });
        collection.replay({ c: name, put: docs });
      }
    }
    for (const entry of readLog(logPath(this.dir))) this.collectionNamed(entry.c).replay(entry);
    for (const collection of this.collections.values()) collection.reindex();
  }

  private snapshot(): Snapshot {
    const snapshot: Snapshot = {};
    for (const [name, collection] of this.collections) snapshot[name] = collection.snapshot();
    return snapshot;
  }

  private collectionNamed(name: string): EmbeddedCollection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection(name, (entry: LogEntry) => this.write(entry));
      this.collections.set(name, collection);
    }
    return collection;
  }

  private write(entry: LogEntry): Promise<void> {
    if (this.closed) return Promise.reject(new StoreError('store-unavailable', 'The store is closed'));
    return this.log.append(entry);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name)) throw new StoreError('invalid-operation', `Invalid collection name ${name}`);
    return this.collectionNamed(name) as unknown as Collection<T>;
  }

  async health(): Promise<StoreHealth> {
    const counts: Record<string, number> = {};
    for (const [name, collection] of this.collections) counts[name] = collection.snapshot().docs.length;
    return { kind: 'embedded', ok: !this.closed, detail: { dataDir: this.dir, collections: counts } };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.log.close();
    this.unlock();
  }
}
