import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { EJSON } from 'bson';
import type { Doc } from '../collection.js';
import { ExchangeError } from './exchangeError.js';

/**
 * Canonical Extended JSON: every number says its BSON type (`$numberInt`,
 * `$numberDouble`, …) and a date its milliseconds, so mongoimport stores each
 * value with the type the driver would have given it instead of guessing from
 * the text. Fields holding `undefined` are left out, as the embedded store's
 * own files leave them out.
 */
const WRITE_OPTIONS = { relaxed: false, ignoreUndefined: true } as const;

/** Lines are gathered up to this size before each write: a bounded buffer, never the whole file. */
const CHUNK_CHARACTERS = 64 * 1024;

/**
 * Writes documents to a new file (refusing one that exists; readable by its
 * owner only), one canonical Extended JSON document per line, as mongoimport
 * reads them, written as they are taken from `docs`; the file is fsynced
 * before this resolves. Answers the number written.
 */
export async function writeExtendedJsonLines(path: string, docs: Iterable<Readonly<Doc>>): Promise<number> {
  const handle = await open(path, 'wx', 0o600);
  let written = 0;
  try {
    let chunk: string[] = [];
    let size = 0;
    for (const doc of docs) {
      const line = `${EJSON.stringify(doc, WRITE_OPTIONS)}\n`;
      chunk.push(line);
      size += line.length;
      written += 1;
      if (size >= CHUNK_CHARACTERS) {
        await handle.appendFile(chunk.join(''));
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) await handle.appendFile(chunk.join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return written;
}

/**
 * Reads a file of Extended JSON documents, one per line (canonical or
 * relaxed; blank lines skipped), line by line. Each is checked to be one the
 * embedded store can keep: an object with a string `_id`, holding JSON values
 * and dates only. The first line that is not stops the reading with
 * `ExchangeError('bad-line')` naming the file and the line.
 */
export async function* readExtendedJsonLines(path: string): AsyncGenerator<{ line: number; doc: Doc }> {
  const file = basename(path);
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const raw of lines) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = EJSON.parse(text, { relaxed: true });
    } catch (error) {
      throw new ExchangeError('bad-line', `${file} line ${line}: not Extended JSON (${(error as Error).message})`, { file, line });
    }
    const problem = unstorable(value);
    if (problem) throw new ExchangeError('bad-line', `${file} line ${line}: ${problem}`, { file, line });
    yield { line, doc: value as Doc };
  }
}

const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/** Why a parsed line is not a document the embedded store can keep, or undefined when it is. */
function unstorable(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !isPlainObject(value)) return 'not a document (a JSON object)';
  const id = (value as Record<string, unknown>)['_id'];
  if (typeof id !== 'string' || id === '') return '_id must be a non-empty string (crm-policy chooses string ids)';
  const path = unsupportedValue(value, '');
  return path === undefined ? undefined : `${path.where} holds a ${path.type}, which the embedded store cannot keep (JSON values and dates only)`;
}

/** The first value, depth first, that is not null, a boolean, a number, a string, a date, an array or a plain object. */
function unsupportedValue(value: unknown, where: string): { where: string; type: string } | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string' || value instanceof Date) return undefined;
  if (typeof value !== 'object') return { where: where || '/', type: typeof value };
  if (!Array.isArray(value) && !isPlainObject(value)) {
    const type = (value as { _bsontype?: unknown })._bsontype;
    return { where: where || '/', type: typeof type === 'string' ? `BSON ${type}` : 'non-JSON object' };
  }
  for (const [key, inner] of Object.entries(value)) {
    const found = unsupportedValue(inner, `${where}/${key}`);
    if (found) return found;
  }
  return undefined;
}
