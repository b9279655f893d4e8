import { readSharedStrings } from './readSharedStrings.js';
import { sheetRows } from './sheetRows.js';
import type { SheetRow } from './sheetRows.js';
import { workbookParts } from './workbookParts.js';
import { ZipArchive } from './zipArchive.js';

/**
 * The rows of an XLSX workbook's first sheet, streamed from the zip with
 * every part's unpacked size bounded by `maxUnpackedBytes` (declared sizes
 * checked before inflating, inflated bytes counted while reading). The shared
 * strings are held, packed, while the sheet is read: their part is within the
 * same bound.
 */
export async function* xlsxRows(path: string, maxUnpackedBytes: number): AsyncGenerator<SheetRow> {
  const archive = await ZipArchive.open(path, maxUnpackedBytes);
  try {
    const parts = await workbookParts(archive);
    // Both big parts are counted before either is inflated.
    archive.reserve(parts.sharedStrings ? [parts.sheet, parts.sharedStrings] : [parts.sheet]);
    const strings = parts.sharedStrings ? await readSharedStrings(archive, parts.sharedStrings, archive.declaredSize(parts.sharedStrings)) : undefined;
    yield* sheetRows(archive, parts.sheet, strings);
  } finally {
    archive.close();
  }
}
