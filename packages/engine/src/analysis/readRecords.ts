import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SimulationRecord } from './simulate.js';

/** A line of a records file that is not a record; `line` is 1-based. */
export class RecordLineError extends Error {
  override readonly name = 'RecordLineError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line} ${message}`);
  }
}

/**
 * The records of a JSON Lines file, streamed: each line `{ "id"?, "facts", "at"? }`
 * or a bare facts object; blank lines are skipped. `onBytes` hears how far the file has been read.
 */
export async function* readRecords(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<SimulationRecord> {
  const stream = createReadStream(path, 'utf8');
  if (onBytes) stream.on('data', () => onBytes(stream.bytesRead));
  let n = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    n += 1;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new RecordLineError(n, 'is not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new RecordLineError(n, 'is not an object');
    const record = parsed as { id?: unknown; facts?: unknown; at?: unknown };
    const facts = typeof record.facts === 'object' && record.facts !== null ? (record.facts as Record<string, unknown>) : (parsed as Record<string, unknown>);
    yield { id: typeof record.id === 'string' ? record.id : `line-${n}`, facts, ...(typeof record.at === 'string' ? { at: record.at } : {}) };
  }
}
