import { closeSync, openSync, readSync } from 'node:fs';
import type { Doc, IndexSpec } from '../collection.js';
import { StoreError } from '../storeError.js';

const CHUNK = 4 * 1024 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** One element of an old snapshot: a document or an index spec of a collection. */
export type LegacyElement = { collection: string; doc: Doc } | { collection: string; index: IndexSpec };

/**
 * Reads the snapshot the store wrote before version 2 (`snapshot.json`: one
 * JSON object `{ name: { docs: [...], indexes: [...] } }`, as
 * `JSON.stringify` wrote it) element by element, a chunk at a time: such a
 * file may be past the 512 MB a JavaScript string can hold. Only the
 * structure is scanned (depth, strings); each element is parsed alone. A
 * general streaming JSON parser would do, at a tenth of the speed, for a file
 * read once, when the folder moves to the current layout.
 */
export function* readLegacySnapshot(path: string): Generator<LegacyElement> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let depth = 0;
    let inString = false;
    let escaped = false;
    // The last string closed at depth 1 (a collection's name) and 2 (docs or indexes), and the one being read.
    const names: string[] = ['', '', ''];
    let stringStart = -1;
    let stringParts: Buffer[] = [];
    // The element being read (depth 3 upwards), in pieces across chunks.
    let elementParts: Buffer[] | undefined;
    let elementStart = -1;
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) break;
      const data = chunk.subarray(0, read);
      for (let i = 0; i < data.length; i += 1) {
        const byte = data[i]!;
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) {
            inString = false;
            if (stringStart >= 0 || stringParts.length > 0) {
              const text = Buffer.concat([...stringParts, data.subarray(Math.max(stringStart, 0), i)]).toString('utf8');
              names[depth] = JSON.parse(`"${text}"`) as string;
              stringStart = -1;
              stringParts = [];
            }
          }
          continue;
        }
        if (byte === QUOTE) {
          inString = true;
          // Keys at depths 1 and 2 name the collection and the list; strings deeper are parts of an element.
          if (depth === 1 || depth === 2) stringStart = i + 1;
        } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
          if (depth === 3) {
            elementParts = [];
            elementStart = i;
          }
          depth += 1;
        } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
          depth -= 1;
          if (depth === 3 && elementParts) {
            const bytes = Buffer.concat([...elementParts, data.subarray(elementStart, i + 1)]);
            elementParts = undefined;
            const value = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
            const collection = names[1]!;
            if (names[2] === 'indexes') yield { collection, index: value as unknown as IndexSpec };
            else yield { collection, doc: value as Doc };
          }
        }
      }
      // Carry what runs past this chunk: the element, or a name being read.
      if (elementParts) {
        elementParts.push(Buffer.from(data.subarray(elementStart)));
        elementStart = 0;
      }
      if (inString && stringStart >= 0) {
        stringParts.push(Buffer.from(data.subarray(stringStart)));
        stringStart = 0;
      }
    }
    if (depth !== 0 || inString) throw new StoreError('store-corrupt', `${path} is damaged: it ends before its last document`);
  } finally {
    closeSync(fd);
  }
}
