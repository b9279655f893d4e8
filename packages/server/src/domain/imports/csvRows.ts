import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { DomainError } from '../domainError.js';
import { unreadable } from './importLimits.js';
import type { SheetRow } from './sheetRows.js';

/** Longest CSV record, in characters (a lead's row is a few hundred). */
const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * The records of a CSV file, streamed (csv-parse: quoting, BOM), each with the
 * line it ends on. Records whose fields are all empty are skipped; a record
 * over 1 MiB, or a file that is not CSV, is 422 `invalid`.
 */
export async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const parser = createReadStream(path).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: MAX_RECORD_CHARS }));
  try {
    for await (const row of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (row.record.some((cell) => cell.trim() !== '')) yield { line: row.info.lines, cells: row.record };
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as { code?: string }).code;
    throw unreadable('csv', code === 'CSV_MAX_RECORD_SIZE' ? `a record is longer than ${MAX_RECORD_CHARS} characters` : (error as Error).message);
  } finally {
    parser.destroy();
  }
}
