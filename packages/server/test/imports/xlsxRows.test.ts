import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InflateBudget } from '../../src/domain/imports/inflateBudget.js';
import { SharedStringTable } from '../../src/domain/imports/sharedStringTable.js';
import { spreadsheetRows } from '../../src/domain/imports/spreadsheetRows.js';
import { xlsxRows } from '../../src/domain/imports/xlsxRows.js';
import { DomainError } from '../../src/domain/domainError.js';
import { repeatedDeflate, sharedStringsXml, sheetXml, workbookEntries, zipOf } from './craftedZip.js';
import type { CraftedEntry } from './craftedZip.js';

// The XLSX reader: what Excel and other writers put in a sheet, read as Excel shows it; anything unbounded refused.
const dir = mkdtempSync(join(tmpdir(), 'crm-policy-xlsx-'));
let files = 0;
function saved(entries: CraftedEntry[]): string {
  const path = join(dir, `book-${++files}.xlsx`);
  writeFileSync(path, zipOf(entries));
  return path;
}

async function rowsOf(path: string, maxUnpackedBytes = 1024 * 1024) {
  const rows = [];
  for await (const row of xlsxRows(path, maxUnpackedBytes)) rows.push(row);
  return rows;
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('reading an XLSX sheet', () => {
  // Regression: a row's cells were all held before the column limit was checked, so one row repeating a long shared
  // string in 40,000 unreferenced cells took gigabytes from a 3 KB file. The reader refuses at the 101st value.
  it('refuses a value past the hundredth column as it reads it, before the row is whole', async () => {
    const path = saved(workbookEntries({ content: sheetXml(`<row r="1">${'<c t="s"><v>0</v></c>'.repeat(150)}</row>`) }, { content: sharedStringsXml('<si><t>长</t></si>') }));
    const error = await refusal(rowsOf(path));
    expect(error).toMatchObject({ code: 'invalid' });
    expect(error.message).toContain('beyond column 100');
  });


  it('reads shared, rich, inline, formula, boolean and number cells by column, and skips rows without a value', async () => {
    const strings = sharedStringsXml(
      [
        '<si><t>公司名称</t></si>',
        '<si><t>员工数</t></si>',
        '<si><r><rPr><b/></rPr><t>深圳市</t></r><r><t xml:space="preserve">星云 &amp; 数据</t></r><rPh sb="0" eb="1"><t>シンセン</t></rPh></si>',
        '<si><t/></si>',
      ].join(''),
    );
    const sheet = sheetXml(
      [
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>',
        '<row r="2" spans="1:3" s="1" customFormat="1"/>',
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t>inline</t></is></c><c r="C3"><v>42</v></c><c r="D3" t="b"><v>1</v></c></row>',
        '<row r="4"><c r="A4" t="str"><f>A3&amp;"x"</f><v>formula result</v></c><c r="B4" t="s"><v>3</v></c><c r="C4"><f>C3*2</f><v>84</v></c></row>',
        '<row r="7"><c r="AA7"><v>1.5</v></c></row>',
      ].join(''),
    );
    const rows = await rowsOf(saved(workbookEntries({ content: sheet }, { content: strings })));
    expect(rows.map((row) => row.line)).toEqual([1, 3, 4, 7]);
    expect(rows[0]!.cells).toEqual(['公司名称', undefined, '员工数']);
    expect(rows[1]!.cells).toEqual(['深圳市星云 & 数据', 'inline', 42, true]);
    expect(rows[2]!.cells).toEqual(['formula result', undefined, 84]);
    expect(rows[3]!.cells[26]).toBe(1.5);
  });

  it('gives rows as records under the header row, counting data rows against the limit', async () => {
    const sheet = sheetXml(['<row r="1"><c r="A1" t="inlineStr"><is><t>companyName</t></is></c></row>', ...[2, 3, 4].map((r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>row ${r}</t></is></c></row>`)].join(''));
    const path = saved(workbookEntries({ content: sheet }));
    const records = [];
    for await (const row of spreadsheetRows('xlsx', path, { maxRows: 3, maxUnpackedBytes: 1024 * 1024 })) records.push(row);
    expect(records).toEqual([2, 3, 4].map((line) => ({ line, record: { companyName: `row ${line}` } })));
    const error = await refusal((async () => {
      for await (const _row of spreadsheetRows('xlsx', path, { maxRows: 2, maxUnpackedBytes: 1024 * 1024 })) void _row;
    })());
    expect(error).toMatchObject({ code: 'too-many-rows', extra: { limit: 2 } });
  });

  it('refuses a workbook whose sheet and shared strings together declare more than the limit, by the sizes its zip directory declares', async () => {
    const sheet = sheetXml(Array.from({ length: 700 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join(''));
    const strings = sharedStringsXml('<si><t>x</t></si>'.repeat(2000));
    // Each part alone fits 40 KB; the two do not.
    const sizes = [Buffer.byteLength(sheet), Buffer.byteLength(strings)];
    expect(Math.max(...sizes)).toBeLessThan(40_000);
    const path = saved(workbookEntries({ content: sheet }, { content: strings }));
    const error = await refusal(rowsOf(path, 40_000));
    expect(error.code).toBe('unpacked-too-large');
    // The total declared so far: the small parts read first, and both big ones.
    const declared = Number(error.message.match(/declares (\d+) bytes unpacked/)?.[1]);
    expect(declared).toBeGreaterThanOrEqual(sizes[0]! + sizes[1]!);
    expect(declared).toBeLessThan(sizes[0]! + sizes[1]! + 2_000);
  });

  it('refuses a sheet whose text or tag runs on past a megabyte without buffering it', async () => {
    const deflated = repeatedDeflate('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>', 'x', 3 * 1024 * 1024, '</t></is></c></row></sheetData></worksheet>');
    const error = await refusal(rowsOf(saved(workbookEntries({ deflated })), 64 * 1024 * 1024));
    expect(error).toMatchObject({ code: 'invalid' });
    expect(error.message).toMatch(/longer than 1048576 characters/);
  });

  it('refuses a cell longer than Excel allows, a missing shared string, and malformed XML, as 422', async () => {
    const long = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'长'.repeat(32_768)}</t></is></c></row>`);
    expect((await refusal(rowsOf(saved(workbookEntries({ content: long }))))).message).toMatch(/longer than 32767 characters/);
    const missing = sheetXml('<row r="1"><c r="A1" t="s"><v>7</v></c></row>');
    expect((await refusal(rowsOf(saved(workbookEntries({ content: missing }, { content: sharedStringsXml('<si><t>only</t></si>') }))))).message).toMatch(/shared string 7/);
    const broken = await refusal(rowsOf(saved(workbookEntries({ content: '<worksheet><sheetData><row></sheetData>' }))));
    expect(broken.code).toBe('invalid');
    expect(broken.message).toMatch(/not well-formed XML/);
  });
});

describe('the inflate budget', () => {
  it('passes bytes up to its limit, counting across streams, and fails the stream that passes it', async () => {
    const budget = new InflateBudget(10);
    const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    await pipeline(Readable.from([Buffer.alloc(4), Buffer.alloc(2)]), budget.meter(), sink());
    expect(budget.inflated).toBe(6);
    const error = await refusal(pipeline(Readable.from([Buffer.alloc(3), Buffer.alloc(3)]), budget.meter(), sink()));
    expect(error).toMatchObject({ code: 'unpacked-too-large', extra: { limit: 10 } });
  });
});

describe('the shared string table', () => {
  it('gives back every string it holds, packed, past its first allocation', () => {
    const table = new SharedStringTable(4 * 1024 * 1024);
    const texts = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? `深圳市第${i}号科技有限公司` : i % 3 === 1 ? '' : `Company ${i}`));
    for (const text of texts) table.add(text);
    expect(table.size).toBe(texts.length);
    expect(texts.every((text, i) => table.get(i) === text)).toBe(true);
    expect(table.get(texts.length)).toBeUndefined();
    expect(table.get(-1)).toBeUndefined();
    // Packed: well under what one JavaScript string per entry would take.
    expect(table.footprint).toBeLessThan(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) * 2 + texts.length * 8);
  });
});
