import { DomainError } from '../domainError.js';

/**
 * How much one import may take. A file over a limit is refused whole (413),
 * before any row is written; `main.ts` reads them from the environment
 * (docs/deployment.md names the variables).
 */
export interface ImportLimits {
  /** Largest file accepted, in bytes (`IMPORT_MAX_FILE_BYTES`). */
  maxFileBytes: number;
  /** Most data rows (the header row not counted; empty rows skipped) in one file (`IMPORT_MAX_ROWS`). */
  maxRows: number;
  /**
   * Most bytes an XLSX workbook's parts that are read (workbook, relationships,
   * shared strings, the first sheet) may unpack to (`IMPORT_MAX_UNPACKED_BYTES`):
   * checked against the zip's directory before anything is inflated, and
   * counted again while inflating. It also bounds the shared strings held in memory.
   */
  maxUnpackedBytes: number;
}

/** The limits when the environment names none: 50 MiB files, 20,000 rows, 64 MiB unpacked. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxRows: 20_000,
  maxUnpackedBytes: 64 * 1024 * 1024,
};

/** Most columns a row may have values in (a lead has 16 fields). */
export const MAX_COLUMNS = 100;

/** Longest text a cell may hold (Excel's own limit). */
export const MAX_CELL_CHARS = 32_767;

/** 413 `too-many-rows`: the file has more data rows than the limit. */
export function tooManyRows(limit: number): DomainError {
  return new DomainError('too-many-rows', `The file has more than ${limit} rows, the most one import takes (IMPORT_MAX_ROWS); split it`, {
    limit,
    details: [{ path: '/', message: `more than ${limit} rows` }],
  });
}

/** 413 `unpacked-too-large`: the workbook unpacks to more than the limit, or to more than its zip directory says. */
export function unpackedTooLarge(limit: number, why = `unpacks to more than ${limit} bytes`): DomainError {
  return new DomainError('unpacked-too-large', `The workbook ${why}, over the limit of ${limit} bytes unpacked (IMPORT_MAX_UNPACKED_BYTES)`, {
    limit,
    details: [{ path: '/', message: why }],
  });
}

/** 422 `invalid`: the file cannot be read as the format it was sent as. */
export function unreadable(format: 'csv' | 'xlsx', why: string): DomainError {
  const what = format === 'csv' ? 'a CSV file' : 'an XLSX workbook';
  return new DomainError('invalid', `The file is not ${what} that can be imported: ${why}`, { details: [{ path: '/', message: why }] });
}
