import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StoreError } from '../storeError.js';

/** One logged operation: the new versions of documents, ids removed, or an index created. */
export interface LogEntry {
  c: string;
  put?: Record<string, unknown>[];
  del?: string[];
  index?: Record<string, unknown>;
}

function fsyncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the entries of a log. A last line cut short (the process died while
 * writing it, before it was acknowledged) is dropped; damage anywhere else is
 * an error, never silently skipped.
 */
export function readLog(path: string): LogEntry[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const entries: LogEntry[] = [];
  lines.forEach((line, index) => {
    if (line === '') return;
    try {
      entries.push(JSON.parse(line) as LogEntry);
    } catch {
      const isLast = lines.slice(index + 1).every((rest) => rest === '');
      if (!isLast) throw new StoreError('store-corrupt', `${path}: line ${index + 1} is damaged; the store will not start on a damaged log`);
    }
  });
  return entries;
}

/** Writes a file so that it is either wholly there or not at all: temp file, fsync, rename, fsync the folder. */
export function writeFileAtomically(path: string, content: string): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  fsyncDirectory(dirname(path));
}

const NEWLINE = Buffer.from('\n');

/**
 * An append-only log with group commit: entries appended in the same moment
 * share one write and one fsync, and each append resolves only once its entry
 * is on disk. After a failed write every append rejects: the process must restart.
 */
export class AppendLog {
  /** Lines waiting for the next write, as bytes (JSON, then a newline): never joined into one string first. */
  private pending: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private flushing = false;
  private failure: Error | undefined;

  private constructor(private readonly handle: FileHandle) {}

  /** Opens the log for appending, truncating it when `truncate` (after a compaction). */
  static async open(path: string, truncate = false): Promise<AppendLog> {
    const handle = await open(path, truncate ? 'w' : 'a');
    await handle.sync();
    fsyncDirectory(dirname(path));
    return new AppendLog(handle);
  }

  append(entry: LogEntry): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.pending.push(Buffer.from(JSON.stringify(entry)), NEWLINE);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => void this.flush());
    }
    return done;
  }

  private async flush(): Promise<void> {
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
    this.flushing = false;
  }

  /** Waits for every appended entry, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await new Promise((resolve) => setImmediate(resolve));
    await this.handle.close();
  }
}

/** Writes the buffers one after another, going on where a write stopped short. */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  const bytes = Buffer.concat(buffers);
  for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
}

export const LOG_FILE = 'log.jsonl';
export const SNAPSHOT_FILE = 'snapshot.json';
export const logPath = (dir: string) => join(dir, LOG_FILE);
export const snapshotPath = (dir: string) => join(dir, SNAPSHOT_FILE);
