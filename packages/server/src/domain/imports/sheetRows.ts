import { MAX_CELL_CHARS, MAX_COLUMNS, unreadable } from './importLimits.js';
import type { SharedStringTable } from './sharedStringTable.js';
import { xmlEvents } from './xmlEvents.js';
import type { ZipArchive } from './zipArchive.js';

/** A row of a sheet with at least one value: its row number and its cells by column (A is 0). */
export interface SheetRow {
  line: number;
  cells: unknown[];
}

/**
 * The rows of a worksheet part, streamed. A cell's value follows its type:
 * shared string (`s`), inline string, formula string (`str`), error (`e`) and
 * date (`d`) as text, boolean (`b`), otherwise a number; a formula gives its
 * cached result. Rows and cells without a value are skipped. One row is held
 * at a time, and a value past the hundredth column is refused as it is read:
 * a small file whose cells all repeat one long shared string cannot grow in memory.
 */
export async function* sheetRows(archive: ZipArchive, part: string, strings: SharedStringTable | undefined): AsyncGenerator<SheetRow> {
  let line = 0;
  let cells: unknown[] = [];
  let hasValue = false;
  let column = 0;
  let type = 'n';
  let text: string[] | undefined;
  let collecting = false;
  let length = 0;
  let inInline = false;
  let inPhonetic = false;
  for await (const events of xmlEvents(await archive.read(part), part)) {
    for (const event of events) {
      if (event.kind === 'open') {
        switch (event.name) {
          case 'row':
            line = Number(event.attributes['r']) || line + 1;
            cells = [];
            hasValue = false;
            column = 0;
            break;
          case 'c':
            column = columnOf(event.attributes['r']) ?? column + 1;
            type = event.attributes['t'] ?? 'n';
            text = undefined;
            length = 0;
            break;
          case 'v':
            text = [];
            collecting = true;
            break;
          case 'is':
            inInline = true;
            break;
          case 'rPh':
            inPhonetic = true;
            break;
          case 't':
            if (inInline && !inPhonetic) {
              text ??= [];
              collecting = true;
            }
            break;
        }
      } else if (event.kind === 'text') {
        if (!collecting || !text) continue;
        length += event.text.length;
        if (length > MAX_CELL_CHARS) throw unreadable('xlsx', `row ${line} has a cell longer than ${MAX_CELL_CHARS} characters`);
        text.push(event.text);
      } else if (event.name === 'c') {
        if (text && column > MAX_COLUMNS && text.join('') !== '') throw unreadable('xlsx', `row ${line} has values beyond column ${MAX_COLUMNS}`);
        const value = text ? valueOf(type, text.join(''), strings, line) : undefined;
        if (value !== undefined && value !== '') {
          cells[column - 1] = value;
          hasValue = true;
        }
        text = undefined;
        inInline = false;
      } else if (event.name === 'row') {
        if (hasValue) yield { line, cells };
      } else if (event.name === 'rPh') inPhonetic = false;
      else if (event.name === 'v' || event.name === 't') collecting = false;
    }
  }
}

function valueOf(type: string, text: string, strings: SharedStringTable | undefined, line: number): unknown {
  switch (type) {
    case 's': {
      const found = strings?.get(Number(text));
      if (found === undefined) throw unreadable('xlsx', `row ${line} refers to shared string ${text}, which the workbook does not have`);
      return found;
    }
    case 'inlineStr':
    case 'str':
    case 'e':
    case 'd':
      return text;
    case 'b':
      return text === '1' || text === 'true';
    default: {
      const number = Number(text);
      return text.trim() === '' ? undefined : Number.isFinite(number) ? number : text;
    }
  }
}

/** The column (A is 1) of a cell reference such as `AB12`. */
function columnOf(reference: string | undefined): number | undefined {
  const letters = reference?.match(/^[A-Z]{1,3}/)?.[0];
  if (!letters) return undefined;
  let column = 0;
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column;
}
