import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Update } from '../collection.js';
import { StoreError } from '../storeError.js';
import { readLines } from './lineReader.js';

/** One collection's part of a logged write: new versions of documents, updates by id (replayed on the version before), ids removed, or an index created. */
export interface LogPart {
  c: string;
  put?: Record<string, unknown>[];
  upd?: Array<[string, Update]>;
  del?: string[];
  index?: Record<string, unknown>;
  /** The JSON of each `put` document, when the collection has it already (a packed table keeps it): the line is built from it rather than serialising the documents again. Not itself written. */
  putJson?: string[];
}

/** One logged write: one collection's change, or an atomic group of several (`tx`), replayed whole or not at all. */
export type LogEntry = LogPart | { tx: LogPart[] };

/** Adds a part's JSON to `pieces`: its `put` documents from `putJson` when given. */
function partPieces(part: LogPart, pieces: string[]): void {
  const { putJson, ...written } = part;
  if (!putJson) {
    pieces.push(JSON.stringify(written));
    return;
  }
  const { put: _put, ...others } = written;
  pieces.push(JSON.stringify(others).slice(0, -1), ',"put":[');
  putJson.forEach((json, i) => (i === 0 ? pieces.push(json) : pieces.push(',', json)));
  pieces.push(']}');
}

/**
 * An entry's line, its newline included, as UTF-8: JSON that reads back as
 * the entry. The pieces are written into one buffer, never joined into one
 * string first: for names in Chinese that string is two bytes a character,
 * twice the line, and it was a tenth of what a registration allocated.
 */
export function entryLine(entry: LogEntry): Buffer {
  const pieces: string[] = [];
  if ('tx' in entry) {
    pieces.push('{"tx":[');
    entry.tx.forEach((part, i) => {
      if (i > 0) pieces.push(',');
      partPieces(part, pieces);
    });
    pieces.push(']}');
  } else partPieces(entry, pieces);
  pieces.push('\n');
  let size = 0;
  for (const piece of pieces) size += Buffer.byteLength(piece);
  const line = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) at += line.write(piece, at);
  return line;
}

/** The parts of an entry, in order. */
export const partsOf = (entry: LogEntry): LogPart[] => ('tx' in entry ? entry.tx : [entry]);

export function fsyncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The entries of a log, read line by line. A last line cut short (the process
 * died while writing it, before it was acknowledged) is dropped; damage
 * anywhere else is an error, never silently skipped.
 */
export function* readLog(path: string): Generator<LogEntry> {
  let damaged: number | undefined;
  for (const line of readLines(path)) {
    if (line.end === line.start) continue;
    if (damaged !== undefined) throw new StoreError('store-corrupt', `${path}: line ${damaged} is damaged; the store will not start on a damaged log`);
    try {
      yield JSON.parse(line.buffer.toString('utf8', line.start, line.end)) as LogEntry;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      // Only the last line may be cut short: remember it, and fail if another follows.
      damaged = line.number;
    }
  }
}

/**
 * An append-only log with group commit: entries appended in the same moment
 * share one write and one fsync, and each append resolves only once its entry
 * is on disk. After a failed write every append rejects: the process must restart.
 */
export class AppendLog {
  /** Lines waiting for the next write, as bytes (JSON, then a newline): never joined into one string first. */
  private pending: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  /** Bytes appended to this file (this process's appends and what it held when opened). */
  bytes: number;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    size: number,
    /** Settles when the log before this one has written everything and closed: this one writes nothing before, so no file holds a later write without the earlier ones (rejects when the one before failed: this one then fails too). */
    private readonly after: () => Promise<unknown>,
  ) {
    this.bytes = size;
  }

  /** Opens a log for appending (creating it), after `after` settles for its first write. */
  static async open(path: string, after: () => Promise<unknown> = () => Promise.resolve()): Promise<AppendLog> {
    const handle = await open(path, 'a');
    const { size } = await handle.stat();
    await handle.sync();
    fsyncDirectory(dirname(path));
    return new AppendLog(handle, path, size, after);
  }

  append(entry: LogEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const line = entryLine(entry);
    this.bytes += line.length;
    this.pending.push(line);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flush());
    return done;
  }

  /** Why the log stopped taking writes, if it did: the memory then holds writes no log has, and no checkpoint may capture it. */
  get failed(): Error | undefined {
    return this.failure;
  }

  private async flush(): Promise<void> {
    try {
      await this.after();
    } catch (error) {
      // The log before lost writes: this one writes nothing after them.
      this.failure = new StoreError('store-unavailable', `the store's previous log could not be written: ${(error as Error).message}`);
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
      this.pending = [];
    }
    while (this.pending.length > 0) {
      const batch = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await writeAll(this.handle, batch);
        await this.handle.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.failure = new StoreError('store-unavailable', `the store's log could not be written: ${(error as Error).message}`);
        for (const waiter of [...waiters, ...this.waiters]) waiter.reject(this.failure);
        this.waiters = [];
        this.pending = [];
      }
    }
    this.flushing = undefined;
  }

  /** Settles once every entry appended so far is on disk (or failed). */
  async drained(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private closing: Promise<void> | undefined;

  /** Waits for every appended entry, then closes the file (once, however often it is called). */
  close(): Promise<void> {
    this.closing ??= this.drained().then(() => this.handle.close());
    return this.closing;
  }
}

/** Writes the buffers one after another, going on where a write stopped short. */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  const bytes = Buffer.concat(buffers);
  for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
}
