import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AtomicWrite, Collection, Doc, IndexSpec, Store, StoreHealth, UpdateResult } from '../collection.js';
import { StoreError } from '../storeError.js';
import { AppendLog, partsOf, readLog } from './appendLog.js';
import type { LogEntry, LogPart } from './appendLog.js';
import { writeSnapshot } from './checkpointWriter.js';
import { docLinePrefix, readKeyedLine } from './snapshotLine.js';
import type { SnapshotHeader } from './dataFolder.js';
import { bytesOnDisk, LEGACY_LOG_FILE, LEGACY_SNAPSHOT_FILE, logNumbers, logPath, removeLeftovers, snapshotPath, STORE_FORMAT } from './dataFolder.js';
import { lockDataFolder } from './dataLock.js';
import { unpack } from './docTable.js';
import { EmbeddedCollection } from './embeddedCollection.js';
import { readLegacySnapshot } from './legacySnapshot.js';
import { readLines } from './lineReader.js';
import type { Line } from './lineReader.js';

/** The append-only collections kept as packed JSON (see `docTable.ts`) unless `packed` says otherwise. */
export const PACKED_COLLECTIONS: readonly string[] = ['audit', 'decisions', 'events', 'collisions', 'simulationChanges'];

export interface EmbeddedStoreOptions {
  /** A checkpoint is taken once the logs since the last one pass this many bytes, or half the snapshot's size if larger (default 64 MiB). */
  checkpointLogBytes?: number;
  /** …or once this long has passed since the last one and something was written (default one hour). */
  checkpointIntervalMs?: number;
  /** Collections kept as packed JSON. */
  packed?: readonly string[];
}

/** What the last checkpoint did. */
export interface CheckpointInfo {
  generation: number;
  at: string;
  ms: number;
  bytes: number;
}

const HOUR = 3_600_000;

/**
 * The embedded store: collections in memory, every acknowledged write in an
 * append-only log on disk (fsync before the write resolves).
 *
 * On open it reads the last snapshot and the logs after it line by line
 * (memory follows the data held, not the files' size), and carries on with a
 * new log. Checkpoints run beside the requests: the log is switched to a new
 * file and the documents captured at that instant (stored values never
 * change, so the capture is a list of references), then written as JSON Lines
 * to a new snapshot a few MB at a time, fsynced, renamed into place, and the
 * logs it holds deleted. A crash at any point leaves the old snapshot and
 * every log after it, or the new one and the logs after it.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly collections = new Map<string, EmbeddedCollection>();
  private log!: AppendLog;
  private logNumber = 0;
  /** Bytes of the logs before the current one that the next checkpoint will fold in. */
  private olderLogBytes = 0;
  private snapshotBytes = 0;
  private lastCheckpoint: CheckpointInfo | undefined;
  private lastCheckpointTime = Date.now();
  private checkpointing: Promise<CheckpointInfo> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unlock!: () => void;
  private closed = false;
  private readonly packed: ReadonlySet<string>;
  /** What opening took: for `health()` and the benches. */
  openedIn = { ms: 0, logEntries: 0, migrated: false };

  private constructor(
    readonly dir: string,
    private readonly options: EmbeddedStoreOptions,
  ) {
    this.packed = new Set(options.packed ?? PACKED_COLLECTIONS);
  }

  /** Opens (creating if needed) the store in `dir`. */
  static async open(dir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
    const started = performance.now();
    const store = new EmbeddedStore(resolve(dir), options);
    mkdirSync(store.dir, { recursive: true });
    store.unlock = lockDataFolder(store.dir);
    try {
      removeLeftovers(store.dir);
      const legacy = store.load();
      store.log = await AppendLog.open(logPath(store.dir, store.logNumber));
      if (legacy) {
        await store.checkpoint();
        rmSync(join(store.dir, LEGACY_SNAPSHOT_FILE), { force: true });
        rmSync(join(store.dir, LEGACY_LOG_FILE), { force: true });
        store.openedIn.migrated = true;
      }
    } catch (error) {
      store.unlock();
      throw error;
    }
    for (const collection of store.collections.values()) collection.indexInBackground();
    store.timer = setInterval(() => void store.checkpointIfDue().catch(() => undefined), 10_000);
    store.timer.unref();
    store.openedIn.ms = Math.round(performance.now() - started);
    return store;
  }

  /** Reads the snapshot and the logs after it; answers whether the folder was in the layout before format 2. */
  private load(): boolean {
    const snapshot = snapshotPath(this.dir);
    const legacySnapshot = join(this.dir, LEGACY_SNAPSHOT_FILE);
    const legacyLog = join(this.dir, LEGACY_LOG_FILE);
    let generation = 0;
    let legacy = false;
    if (existsSync(snapshot)) {
      generation = this.loadSnapshot(snapshot);
      // Left by a crash after a move to the current layout had written its snapshot: that snapshot holds them.
      rmSync(legacySnapshot, { force: true });
      rmSync(legacyLog, { force: true });
    } else if (existsSync(legacySnapshot) || existsSync(legacyLog)) {
      legacy = true;
      if (existsSync(legacySnapshot)) this.loadLegacySnapshot(legacySnapshot);
      if (existsSync(legacyLog)) this.replayLog(legacyLog);
    }
    const numbers = logNumbers(this.dir);
    for (const number of numbers) {
      // Logs a checkpoint folded in, left by a crash before they were deleted.
      if (number < generation) rmSync(logPath(this.dir, number), { force: true });
      else this.olderLogBytes += this.replayLog(logPath(this.dir, number));
    }
    this.snapshotBytes = bytesOnDisk(this.dir).snapshot;
    // Each start writes to a new log: a log is never appended to after a crash may have cut its last line.
    this.logNumber = Math.max(generation, (numbers.at(-1) ?? 0) + 1, 1);
    return legacy;
  }

  private loadSnapshot(path: string): number {
    let header: SnapshotHeader | undefined;
    const prefixes = new Map<string, number>();
    const damaged = (line: Line, error: unknown) =>
      new StoreError('store-corrupt', `${path}: line ${line.number} is damaged (${(error as Error).message}); the store will not start on a damaged snapshot`);
    const repeated = (line: Line, name: string, id: string) =>
      new StoreError('store-corrupt', `${path}: line ${line.number} repeats the document ${JSON.stringify(id)} of ${name}; the store will not start on a damaged snapshot`);
    for (const line of readLines(path)) {
      if (line.end === line.start) continue;
      let value: Record<string, unknown>;
      try {
        // A packed document with its keys: the keys are parsed, the document kept as it was read (or parsed, by a store keeping that collection as objects).
        const keyed = header && readKeyedLine(line.buffer, line.start, line.end);
        if (keyed) {
          const collection = this.collectionNamed(keyed.collection);
          const loaded = collection.packed
            ? collection.loadFresh(keyed.keys, line.buffer.toString('latin1', keyed.documentStart, line.end - 1))
            : collection.loadFresh(JSON.parse(line.buffer.toString('utf8', keyed.documentStart, line.end - 1)) as Doc);
          if (!loaded) throw repeated(line, keyed.collection, keyed.keys._id);
          continue;
        }
        value = JSON.parse(line.buffer.toString('utf8', line.start, line.end)) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw damaged(line, error);
      }
      if (!header) {
        header = value as unknown as SnapshotHeader;
        if (header.store !== 'crm-policy' || typeof header.generation !== 'number') throw new StoreError('store-corrupt', `${path} is not a crm-policy snapshot`);
        if (header.format > STORE_FORMAT) throw new StoreError('store-corrupt', `${path} was written by a newer version (format ${header.format}); upgrade crm-policy to open it`);
        continue;
      }
      const name = value['c'] as string;
      const collection = this.collectionNamed(name);
      if ('indexes' in value) {
        for (const spec of value['indexes'] as IndexSpec[]) collection.replay({ c: name, index: spec as unknown as Record<string, unknown> });
        continue;
      }
      let skip = prefixes.get(name);
      if (skip === undefined) prefixes.set(name, (skip = Buffer.byteLength(docLinePrefix(name))));
      // Each document once in a snapshot: loaded without asking whether it is there already. A packed one keeps its bytes as read.
      const doc = value['d'] as Doc;
      if (!collection.loadFresh(doc, collection.packed ? line.buffer.toString('latin1', line.start + skip, line.end - 1) : undefined)) throw repeated(line, name, doc._id);
    }
    if (!header) throw new StoreError('store-corrupt', `${path} is empty`);
    return header.generation;
  }

  private loadLegacySnapshot(path: string): void {
    const indexes: Array<{ collection: string; index: IndexSpec }> = [];
    for (const element of readLegacySnapshot(path)) {
      if ('index' in element) indexes.push(element);
      else this.collectionNamed(element.collection).load(element.doc);
    }
    for (const { collection, index } of indexes) this.collectionNamed(collection).replay({ c: collection, index: index as unknown as Record<string, unknown> });
  }

  /** Replays a log; answers its size in bytes. */
  private replayLog(path: string): number {
    let entries = 0;
    for (const entry of readLog(path)) {
      for (const part of partsOf(entry)) this.collectionNamed(part.c).replay(part);
      entries += 1;
    }
    this.openedIn.logEntries += entries;
    return bytesOf(path);
  }

  private collectionNamed(name: string): EmbeddedCollection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection(name, (part: LogPart) => this.write(part), this.packed.has(name), () => this.assertWritable());
      this.collections.set(name, collection);
    }
    return collection;
  }

  /** Throws when the store takes no more writes, before a write changes memory. */
  private assertWritable(): void {
    if (this.closed) throw new StoreError('store-unavailable', 'The store is closed');
  }

  /** Bytes this process has appended to its logs: unchanged means nothing was written. */
  bytesAppended = 0;

  private write(entry: LogEntry): Promise<void> {
    if (this.closed) return Promise.reject(new StoreError('store-unavailable', 'The store is closed'));
    const before = this.log.bytes;
    const done = this.log.append(entry);
    this.bytesAppended += this.log.bytes - before;
    return done;
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name)) throw new StoreError('invalid-operation', `Invalid collection name ${name}`);
    return this.collectionNamed(name) as unknown as Collection<T>;
  }

  /**
   * Applies the writes in memory one after another, with nothing else in
   * between, then logs them as one entry (one fsync). When a write fails the
   * ones before it are taken back and nothing is logged.
   */
  async writeAtomically(writes: readonly AtomicWrite[]): Promise<UpdateResult[]> {
    this.assertWritable();
    const parts: LogPart[] = [];
    const undo: Array<() => void> = [];
    const results: UpdateResult[] = [];
    try {
      writes.forEach((write, position) => {
        const collection = this.collection(write.collection) as unknown as EmbeddedCollection;
        const { change, result } = collection.prepare(write, position);
        if (change) {
          const staged = collection.stage(change);
          undo.push(staged.undo);
          parts.push(staged.part);
        }
        results.push(result);
      });
    } catch (error) {
      for (const back of undo.reverse()) back();
      throw error;
    }
    if (parts.length > 0) await this.write(parts.length === 1 ? parts[0]! : { tx: parts });
    return results;
  }

  /**
   * A collection's documents as they are at this instant, for a reader that
   * goes through them all (an export): stored objects, never changed
   * afterwards, and packed documents parsed one at a time as they are reached.
   */
  documentsOf(name: string): Iterable<Readonly<Doc>> {
    const rows = this.collectionNamed(name).capture();
    return (function* () {
      for (const row of rows) yield typeof row === 'string' ? unpack(row) : row;
    })();
  }

  /** Takes a checkpoint now (or joins the one running). */
  checkpoint(): Promise<CheckpointInfo> {
    this.checkpointing ??= this.takeCheckpoint().finally(() => (this.checkpointing = undefined));
    return this.checkpointing;
  }

  private logBytes(): number {
    return this.olderLogBytes + this.log.bytes;
  }

  private async checkpointIfDue(): Promise<void> {
    if (this.closed || this.checkpointing) return;
    const bytes = this.logBytes();
    const threshold = Math.max(this.options.checkpointLogBytes ?? 64 * 1024 * 1024, this.snapshotBytes / 2);
    const old = Date.now() - this.lastCheckpointTime >= (this.options.checkpointIntervalMs ?? HOUR);
    if (bytes >= threshold || (old && bytes > 0)) await this.checkpoint();
  }

  private async takeCheckpoint(): Promise<CheckpointInfo> {
    if (this.closed) throw new StoreError('store-unavailable', 'The store is closed');
    // A failed log means memory holds writes that were refused: a snapshot must not make them durable.
    if (this.log.failed) throw this.log.failed;
    const started = performance.now();
    const generation = this.logNumber + 1;
    const previous = this.log;
    const next = await AppendLog.open(logPath(this.dir, generation), async () => {
      await previous.close();
      if (previous.failed) throw previous.failed;
    });
    // From the switch to the capture nothing awaits: every write before is in the old logs and the capture, every write after only in the new log.
    this.log = next;
    this.logNumber = generation;
    // Until the snapshot is in place the switched-off log still counts towards the next checkpoint (this one may fail).
    this.olderLogBytes += previous.bytes;
    const captured = [...this.collections].map(([name, collection]) => ({ name, indexes: collection.indexSpecs(), rows: collection.capture() }));
    await previous.close();
    if (previous.failed) throw previous.failed;
    const bytes = await writeSnapshot(this.dir, generation, captured);
    for (const number of logNumbers(this.dir)) if (number < generation) rmSync(logPath(this.dir, number), { force: true });
    this.olderLogBytes = 0;
    this.snapshotBytes = bytes;
    this.lastCheckpointTime = Date.now();
    this.lastCheckpoint = { generation, at: new Date().toISOString(), ms: Math.round(performance.now() - started), bytes };
    return this.lastCheckpoint;
  }

  /** Documents per collection, bytes on disk, the last checkpoint. */
  stats(): { documents: Record<string, number>; bytesOnDisk: { snapshot: number; logs: number }; lastCheckpoint: CheckpointInfo | null; openedInMs: number } {
    const documents: Record<string, number> = {};
    for (const [name, collection] of this.collections) documents[name] = collection.size;
    return { documents, bytesOnDisk: bytesOnDisk(this.dir), lastCheckpoint: this.lastCheckpoint ?? null, openedInMs: this.openedIn.ms };
  }

  async health(): Promise<StoreHealth> {
    const { documents, bytesOnDisk: bytes, lastCheckpoint, openedInMs } = this.stats();
    return { kind: 'embedded', ok: !this.closed, detail: { dataDir: this.dir, collections: documents, bytesOnDisk: bytes, lastCheckpoint, openedInMs } };
  }

  /** Settles once the indexes packed collections build after opening (see `EmbeddedCollection.indexInBackground`) are built. */
  async indexed(): Promise<void> {
    await Promise.all([...this.collections.values()].map((collection) => collection.indexedInBackground()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    for (const collection of this.collections.values()) collection.stopIndexing();
    await this.checkpointing?.catch(() => undefined);
    this.closed = true;
    // And a collection first written while the checkpoint finished.
    for (const collection of this.collections.values()) collection.stopIndexing();
    await this.log.close();
    this.unlock();
  }
}

const bytesOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);
