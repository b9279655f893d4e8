import { open, rename } from 'node:fs/promises';
import type { Doc, IndexSpec } from '../collection.js';
import type { PackedDocument } from './docTable.js';
import { packedBytes, unpack } from './docTable.js';
import { fsyncDirectory } from './appendLog.js';
import type { SnapshotHeader } from './dataFolder.js';
import { snapshotPath, STORE_FORMAT } from './dataFolder.js';
import { dirname } from 'node:path';
import { docLinePrefix, keyedLinePrefix, keyFields, keysOf } from './snapshotLine.js';

/** One collection as a checkpoint captured it. */
export interface CapturedCollection {
  name: string;
  indexes: IndexSpec[];
  rows: ReadonlyArray<Doc | PackedDocument>;
}

/** Bytes gathered before each write: a write is where the event loop gets to serve requests. */
const WRITE_BYTES = 1024 * 1024;

/**
 * Writes a snapshot of captured collections as JSON Lines to a new file,
 * fsyncs it and renames it into place, a few MB at a time so that requests
 * are served in between. A packed document's line carries the keys its
 * collection's indexes read (`snapshotLine.ts`): each is parsed here, so that
 * every start need not. Answers the bytes written.
 */
export async function writeSnapshot(dir: string, generation: number, collections: readonly CapturedCollection[]): Promise<number> {
  const path = snapshotPath(dir);
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w');
  let written = 0;
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const push = (bytes: Buffer) => {
      pending.push(bytes);
      pendingBytes += bytes.length;
    };
    const flush = async () => {
      const bytes = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
      written += bytes.length;
    };
    const header: SnapshotHeader = { store: 'crm-policy', format: STORE_FORMAT, generation, at: new Date().toISOString() };
    push(Buffer.from(`${JSON.stringify(header)}\n`));
    const close = Buffer.from('}\n');
    for (const { name, indexes, rows } of collections) {
      push(Buffer.from(`${JSON.stringify({ c: name, indexes })}\n`));
      const prefix = Buffer.from(docLinePrefix(name));
      const fields = keyFields(indexes);
      for (const row of rows) {
        if (typeof row === 'string') {
          const bytes = packedBytes(row);
          push(Buffer.from(keyedLinePrefix(name, keysOf(unpack(row), fields), bytes)));
          push(bytes);
        } else {
          push(prefix);
          push(Buffer.from(JSON.stringify(row)));
        }
        push(close);
        if (pendingBytes >= WRITE_BYTES) await flush();
      }
    }
    await flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  fsyncDirectory(dirname(path));
  return written;
}
