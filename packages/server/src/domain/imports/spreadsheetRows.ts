import { csvRows } from './csvRows.js';
import { MAX_COLUMNS, tooManyRows, unreadable } from './importLimits.js';
import type { ImportLimits } from './importLimits.js';
import { xlsxRows } from './xlsxRows.js';

/** A data row of an import: where it came from (CSV line, sheet row) and its cells under the header row's names. */
export interface ImportRow {
  line: number;
  record: Record<string, unknown>;
}

/**
 * The data rows of an import file, one at a time: the first row with a value
 * names the columns. Within the limits or not at all: past `maxRows` data rows
 * it throws 413 `too-many-rows`; a value beyond the hundredth column is 422.
 */
export async function* spreadsheetRows(format: 'csv' | 'xlsx', path: string, limits: Pick<ImportLimits, 'maxRows' | 'maxUnpackedBytes'>): AsyncGenerator<ImportRow> {
  let headers: string[] | undefined;
  let rows = 0;
  for await (const { line, cells } of format === 'csv' ? csvRows(path) : xlsxRows(path, limits.maxUnpackedBytes)) {
    if (cells.length > MAX_COLUMNS && cells.slice(MAX_COLUMNS).some((cell) => cell !== undefined && cell !== '')) {
      throw unreadable(format, `row ${line} has values beyond column ${MAX_COLUMNS}`);
    }
    if (!headers) {
      headers = Array.from(cells.slice(0, MAX_COLUMNS), (cell) => String(cell ?? ''));
      continue;
    }
    rows += 1;
    if (rows > limits.maxRows) throw tooManyRows(limits.maxRows);
    yield { line, record: Object.fromEntries(headers.map((header, i) => [header, cells[i]])) };
  }
}

/** Reads a whole import file through `spreadsheetRows` without keeping its rows: the number of data rows, or the limit or format it breaks. */
export async function countRows(format: 'csv' | 'xlsx', path: string, limits: Pick<ImportLimits, 'maxRows' | 'maxUnpackedBytes'>): Promise<number> {
  let rows = 0;
  for await (const _row of spreadsheetRows(format, path, limits)) rows += 1;
  return rows;
}
