import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { DomainError } from '../domainError.js';
import { unreadable } from './importLimits.js';

/** One thing met in an XML part, in document order. */
export type XmlEvent =
  | { kind: 'open'; name: string; attributes: Record<string, string> }
  | { kind: 'text'; text: string }
  | { kind: 'close'; name: string };

/**
 * Longest stretch of characters between two `<` or `>` (text, or a tag with
 * its attributes). The parser holds such a stretch whole until it ends; no
 * part of a workbook worth importing has one this long (a cell holds at most
 * 32,767 characters), so a longer one is refused rather than buffered.
 */
const MAX_RUN = 1024 * 1024;

/**
 * The events of an XML stream (saxes, entities decoded), a batch per chunk
 * read, so a reader can pull them and stop when it has what it needs.
 * Malformed XML is 422 `invalid` naming `part`.
 */
export async function* xmlEvents(stream: Readable, part: string): AsyncGenerator<XmlEvent[]> {
  const parser = new SaxesParser();
  let batch: XmlEvent[] = [];
  parser.on('opentag', (tag) => batch.push({ kind: 'open', name: tag.name, attributes: tag.attributes }));
  parser.on('text', (text) => batch.push({ kind: 'text', text }));
  parser.on('cdata', (text) => batch.push({ kind: 'text', text }));
  parser.on('closetag', (tag) => batch.push({ kind: 'close', name: tag.name }));
  stream.setEncoding('utf8');
  let run = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      run = runAfter(chunk, run, part);
      parser.write(chunk);
      if (batch.length > 0) {
        const ready = batch;
        batch = [];
        yield ready;
      }
    }
    parser.close();
    if (batch.length > 0) yield batch;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw unreadable('xlsx', `${part} is not well-formed XML (${(error as Error).message})`);
  }
}

/** The length of the stretch without `<` or `>` that ends the chunk, given the one that ended the previous chunk. */
function runAfter(chunk: string, run: number, part: string): number {
  const opens = chunk.indexOf('<');
  const closes = chunk.indexOf('>');
  const first = opens === -1 ? closes : closes === -1 ? opens : Math.min(opens, closes);
  const length = first === -1 ? run + chunk.length : run + first;
  if (length > MAX_RUN) throw unreadable('xlsx', `${part} has a text or tag longer than ${MAX_RUN} characters`);
  return first === -1 ? length : chunk.length - 1 - Math.max(chunk.lastIndexOf('<'), chunk.lastIndexOf('>'));
}
