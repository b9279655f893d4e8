import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One entry of a crafted zip: its content (deflated here) or bytes already deflated, and the size its headers claim. */
export interface CraftedEntry {
  name: string;
  content?: string | Buffer;
  deflated?: Deflated;
  /** The unpacked size both headers claim (default: the true one): a bomb may lie. */
  declaredSize?: number;
}

/** A raw deflate stream and the number of bytes it inflates to. */
export interface Deflated {
  bytes: Buffer;
  size: number;
}

/**
 * `head`, then `unit` `times` over, then `tail`, deflated without ever holding
 * the unpacked bytes: one megabyte of units is deflated once (ending on a full
 * flush, so it stands alone) and its bytes repeated. A gigabyte takes about a
 * megabyte and a few milliseconds.
 */
export function repeatedDeflate(head: string, unit: string, times: number, tail: string): Deflated {
  const perBlock = Math.max(1, Math.floor((1024 * 1024) / unit.length));
  const flushed = (text: string) => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_FULL_FLUSH });
  const block = flushed(unit.repeat(perBlock));
  const parts = [flushed(head), ...Array.from({ length: Math.floor(times / perBlock) }, () => block), flushed(unit.repeat(times % perBlock)), deflateRawSync(Buffer.from(tail))];
  return { bytes: Buffer.concat(parts), size: Buffer.byteLength(head) + Buffer.byteLength(unit) * times + Buffer.byteLength(tail) };
}

/**
 * A zip file (PKZIP 2.0: local headers, central directory, end record), written
 * by hand so a test controls every size it claims. CRCs of given deflated
 * bytes are left 0: the reader under test must stop long before it could check them.
 */
export function zipOf(entries: readonly CraftedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const raw = entry.content === undefined ? undefined : Buffer.from(entry.content);
    const data = entry.deflated?.bytes ?? deflateRawSync(raw ?? Buffer.alloc(0));
    const size = entry.declaredSize ?? entry.deflated?.size ?? raw?.length ?? 0;
    const crc = raw ? crc32(raw) : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The sheet part's XML around rows given as XML. */
export function sheetXml(rows: string): string {
  return `${XML}<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
}

/** The shared strings part's XML around `<si>` items given as XML. */
export function sharedStringsXml(items: string): string {
  return `${XML}<sst xmlns="${MAIN}">${items}</sst>`;
}

/** The opening of a shared strings part, to build a big one piece by piece. */
export const SHARED_STRINGS_HEAD = `${XML}<sst xmlns="${MAIN}">`;

/**
 * The entries of a minimal XLSX workbook, as Excel lays them out: content
 * types, relationships, the workbook, then the parts given (a sheet and, if
 * any, shared strings), each as content or as a crafted entry.
 */
export function workbookEntries(sheet: Omit<CraftedEntry, 'name'>, sharedStrings?: Omit<CraftedEntry, 'name'>): CraftedEntry[] {
  return [
    { name: '[Content_Types].xml', content: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>` },
    { name: '_rels/.rels', content: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', content: `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><sheets><sheet name="线索" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', ...sharedStrings }] : []),
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ];
}
