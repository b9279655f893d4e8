import { posix } from 'node:path';
import { unreadable } from './importLimits.js';
import { xmlEvents } from './xmlEvents.js';
import type { ZipArchive } from './zipArchive.js';

/** Where a workbook keeps what an import reads: its first sheet, and its shared strings if it has any. */
export interface WorkbookParts {
  sheet: string;
  sharedStrings?: string;
}

const OFFICE_DOCUMENT = /\/officeDocument$/;
const SHARED_STRINGS = /\/sharedStrings$/;

/**
 * Finds the first sheet (in the workbook's tab order) and the shared strings
 * through the package's relationships, as Excel does, rather than by the
 * names one writer happens to use.
 */
export async function workbookParts(archive: ZipArchive): Promise<WorkbookParts> {
  const root = archive.has('_rels/.rels') ? await relationships(archive, '_rels/.rels', '') : [];
  const workbook = root.find((rel) => OFFICE_DOCUMENT.test(rel.type))?.target ?? 'xl/workbook.xml';
  const folder = posix.dirname(workbook);
  const rels = await relationships(archive, `${folder}/_rels/${posix.basename(workbook)}.rels`, folder);
  const firstSheet = await firstSheetId(archive, workbook);
  const sheet = rels.find((rel) => rel.id === firstSheet)?.target;
  if (!sheet || !archive.has(sheet)) throw unreadable('xlsx', 'its first sheet is missing');
  const sharedStrings = rels.find((rel) => SHARED_STRINGS.test(rel.type))?.target;
  return { sheet, ...(sharedStrings && archive.has(sharedStrings) ? { sharedStrings } : {}) };
}

interface Relationship {
  id: string;
  type: string;
  /** The target's name in the zip. */
  target: string;
}

/** A relationships part, targets resolved against `folder` (or from the package root when they start with `/`). */
async function relationships(archive: ZipArchive, part: string, folder: string): Promise<Relationship[]> {
  if (!archive.has(part)) throw unreadable('xlsx', `it has no ${part}`);
  const found: Relationship[] = [];
  for await (const events of xmlEvents(await archive.read(part), part)) {
    for (const event of events) {
      if (event.kind !== 'open' || event.name !== 'Relationship' || event.attributes['TargetMode'] === 'External') continue;
      const { Id: id, Type: type, Target: target } = event.attributes;
      if (!id || !type || !target) continue;
      found.push({ id, type, target: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(folder, target)) });
    }
  }
  return found;
}

/** The relationship id of the workbook's first `<sheet>` (its `r:id`, whatever the prefix). */
async function firstSheetId(archive: ZipArchive, workbook: string): Promise<string> {
  for await (const events of xmlEvents(await archive.read(workbook), workbook)) {
    for (const event of events) {
      if (event.kind !== 'open' || event.name !== 'sheet') continue;
      const id = Object.entries(event.attributes).find(([name]) => name.endsWith(':id'))?.[1];
      if (id) return id;
    }
  }
  throw unreadable('xlsx', 'its workbook lists no sheet');
}
