import { MAX_CELL_CHARS, unreadable } from './importLimits.js';
import { SharedStringTable } from './sharedStringTable.js';
import { xmlEvents } from './xmlEvents.js';
import type { ZipArchive } from './zipArchive.js';

/**
 * Reads a workbook's shared strings part into a packed table. Each `<si>` is
 * one string: its `<t>` text, or its rich-text runs' texts joined; phonetic
 * guides (`<rPh>`) are left out, as Excel shows them apart.
 */
export async function readSharedStrings(archive: ZipArchive, part: string, partBytes: number): Promise<SharedStringTable> {
  const table = new SharedStringTable(partBytes);
  let text: string[] | undefined;
  let length = 0;
  let inText = false;
  let inPhonetic = false;
  for await (const events of xmlEvents(await archive.read(part), part)) {
    for (const event of events) {
      if (event.kind === 'open') {
        if (event.name === 'si') {
          text = [];
          length = 0;
        } else if (event.name === 'rPh') inPhonetic = true;
        else if (event.name === 't') inText = !inPhonetic;
      } else if (event.kind === 'text') {
        if (!inText || !text) continue;
        length += event.text.length;
        if (length > MAX_CELL_CHARS) throw unreadable('xlsx', `shared string ${table.size} is longer than ${MAX_CELL_CHARS} characters`);
        text.push(event.text);
      } else if (event.name === 'si') {
        table.add((text ?? []).join(''));
        text = undefined;
      } else if (event.name === 'rPh') inPhonetic = false;
      else if (event.name === 't') inText = false;
    }
  }
  return table;
}
