import { crc32 } from 'node:zlib';
import type { Doc, IndexSpec } from '../collection.js';

/**
 * A document's line in a snapshot. A document of a collection kept as objects
 * is `{"c":<collection>,"d":<document>}`. One of a packed collection (audit,
 * decisions, events: see `docTable.ts`) carries, before it, what the
 * collection's indexes read of it and the CRC-32 of its bytes:
 * `{"c":<collection>,"k":<keys>,"s":<crc>,"d":<document>}`, where `<keys>`
 * holds the id and each top-level field an index's keys or partial filter
 * name. Opening a folder then parses the keys alone, checks the document's
 * bytes against their CRC (native, a fraction of a parse) and keeps them as
 * they are: a million customers' audit entries, decisions and events were
 * half the bytes of their folder, each parsed in full to index a date or a
 * sequence number and then thrown away. A damaged document is still refused
 * at open, as when it was parsed. Every line is still one JSON value.
 */
export const docLinePrefix = (collection: string) => `{"c":${JSON.stringify(collection)},"d":`;

/** The top-level fields a collection's indexes read: those their keys and partial filters name. */
export function keyFields(specs: readonly IndexSpec[]): string[] {
  const fields = new Set<string>();
  const named = (filter: unknown): void => {
    if (Array.isArray(filter)) for (const part of filter) named(part);
    else if (filter !== null && typeof filter === 'object') {
      for (const [key, value] of Object.entries(filter)) {
        if (key.startsWith('$')) named(value);
        else fields.add(key.split('.')[0]!);
      }
    }
  };
  for (const spec of specs) {
    for (const field of Object.keys(spec.keys)) fields.add(field.split('.')[0]!);
    named(spec.partialFilterExpression);
  }
  fields.delete('_id');
  return [...fields];
}

/** The keys of a document: its id and those of `fields` it has, as they are. */
export function keysOf(doc: Readonly<Doc>, fields: readonly string[]): Doc {
  const keys: Doc = { _id: doc._id };
  for (const field of fields) if (Object.hasOwn(doc, field)) keys[field] = doc[field];
  return keys;
}

/** The start of a packed document's line, up to its bytes (UTF-8 JSON). */
export const keyedLinePrefix = (collection: string, keys: Readonly<Doc>, bytes: Buffer) =>
  `{"c":${JSON.stringify(collection)},"k":${JSON.stringify(keys)},"s":${crc32(bytes)},"d":`;

/** A document's line, as a checkpoint writes it (without the newline): keyed when its collection is packed. */
export function snapshotDocumentLine(collection: string, doc: Readonly<Doc>, indexes: readonly IndexSpec[], packed: boolean): string {
  const json = JSON.stringify(doc);
  return packed ? `${keyedLinePrefix(collection, keysOf(doc, keyFields(indexes)), Buffer.from(json))}${json}}` : `${docLinePrefix(collection)}${json}}`;
}

/** A keyed line, read: its collection, its keys parsed, and where its document's bytes start (they end before the line's closing brace). */
export interface KeyedLine {
  collection: string;
  keys: Doc;
  documentStart: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const LINE_START = Buffer.from('{"c":"');
const KEYS_START = Buffer.from(',"k":');
const CHECKSUM_START = Buffer.from(',"s":');
const DOCUMENT_START = Buffer.from(',"d":');
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

const startsWith = (buffer: Buffer, at: number, end: number, expected: Buffer) => at + expected.length <= end && buffer.compare(expected, 0, expected.length, at, at + expected.length) === 0;

/**
 * Reads a keyed line in place (`buffer` from `start` to `end`, the newline
 * excluded): undefined when the line is not one (a header, index specs, a
 * document of a collection kept as objects, a snapshot of format 2). Throws
 * when it starts as one but is cut short or malformed.
 */
export function readKeyedLine(buffer: Buffer, start: number, end: number): KeyedLine | undefined {
  if (!startsWith(buffer, start, end, LINE_START)) return undefined;
  // A collection's name: plain text up to its closing quote (a name with an escape is read the slow way).
  let at = start + LINE_START.length;
  while (at < end && buffer[at] !== QUOTE && buffer[at] !== BACKSLASH) at += 1;
  if (buffer[at] !== QUOTE) return undefined;
  const nameEnd = at;
  at += 1;
  if (!startsWith(buffer, at, end, KEYS_START)) return undefined;
  const keysStart = at + KEYS_START.length;
  // The keys: one JSON object, whose end is the brace that closes its first (braces in strings do not count).
  if (buffer[keysStart] !== OPEN) throw new Error('the keys are not an object');
  let depth = 0;
  let inString = false;
  let keysEnd = -1;
  for (at = keysStart; at < end; at += 1) {
    const byte = buffer[at];
    if (inString) {
      if (byte === BACKSLASH) at += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN) depth += 1;
    else if (byte === CLOSE && --depth === 0) {
      keysEnd = at + 1;
      break;
    }
  }
  if (keysEnd < 0 || !startsWith(buffer, keysEnd, end, CHECKSUM_START)) throw new Error('the line is cut short');
  let checksum = 0;
  for (at = keysEnd + CHECKSUM_START.length; at < end && buffer[at]! >= DIGIT_0 && buffer[at]! <= DIGIT_9; at += 1) checksum = checksum * 10 + buffer[at]! - DIGIT_0;
  if (!startsWith(buffer, at, end, DOCUMENT_START) || buffer[end - 1] !== CLOSE) throw new Error('the line is cut short');
  const documentStart = at + DOCUMENT_START.length;
  // The document's bytes are parsed when it is read, not here; their CRC says whether they are the ones written.
  if (crc32(buffer.subarray(documentStart, end - 1)) !== checksum) throw new Error('the document does not match its checksum');
  const keys = JSON.parse(buffer.toString('utf8', keysStart, keysEnd)) as Doc;
  if (keys === null || typeof keys !== 'object' || typeof keys._id !== 'string') throw new Error('the keys have no id');
  return { collection: buffer.toString('utf8', start + LINE_START.length, nameEnd), keys, documentStart };
}
