import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyNames, teamWith } from '../assignment/assignmentHelpers.js';
import { repeatedDeflate, SHARED_STRINGS_HEAD, sharedStringsXml, sheetXml, workbookEntries, zipOf } from '../imports/craftedZip.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// Imports take bounded memory, disk and time: zip bombs, too many rows and a second import at once are refused whole.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 20;
const DEFAULT_UNPACKED = 64 * 1024 * 1024;
const SHARED_STRING = '<si><t>a</t></si>';

let t: TestApp;
let uploads: string;
let teamId: string;
beforeAll(async () => {
  uploads = mkdtempSync(join(tmpdir(), 'crm-policy-uploads-test-'));
  t = await createTestApp({ config: { uploadDir: uploads, imports: { maxRows: MAX_ROWS } } });
  ({ teamId } = await teamWith(t, 'Bomb Squad', [{ regions: ['4403'] }], [{ role: 'inside', capacity: 100_000 }]));
});
afterAll(async () => {
  await t.store.close();
});

const importFile = (auth: string, body: Buffer | string, type: string) => t.http.post('/api/leads/import').set('authorization', auth).set('content-type', type).send(body);

/** A workbook of one cell whose shared strings part unpacks to about `unpackedBytes` of one-letter strings, claiming `declaredSize` if given. */
function sharedStringsBomb(unpackedBytes: number, declaredSize?: number): Buffer {
  const deflated = repeatedDeflate(SHARED_STRINGS_HEAD, SHARED_STRING, Math.floor(unpackedBytes / SHARED_STRING.length), '</sst>');
  return zipOf(workbookEntries({ content: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }, { deflated, ...(declaredSize ? { declaredSize } : {}) }));
}

/** The process still serves, no upload is left on disk, and nothing was imported. */
async function unharmed(before: { customers: number; imports: number }) {
  expect((await t.http.get('/api/health')).status).toBe(200);
  expect(readdirSync(uploads)).toEqual([]);
  expect(await t.services.claims.customers.countDocuments({})).toBe(before.customers);
  expect(await t.services.leads.imports.countDocuments({})).toBe(before.imports);
}

const counts = async () => ({ customers: await t.services.claims.customers.countDocuments({}), imports: await t.services.leads.imports.countDocuments({}) });

const csv = (rows: number, seed: number) => ['companyName,region,type,employees,industry', ...companyNames(rows, seed).map((name) => `${name},440305,company,20,technology`)].join('\n');

describe('an XLSX zip bomb', () => {
  it('is refused from its zip directory (413 unpacked-too-large, the limit named) when its shared strings unpack to 1 GiB', async () => {
    const bomb = sharedStringsBomb(2 ** 30);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const before = await counts();
    const response = await importFile(t.admin, bomb, XLSX);
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'unpacked-too-large', limit: DEFAULT_UNPACKED, details: [expect.objectContaining({ path: '/' })] });
    expect(response.body.error.message).toContain(String(DEFAULT_UNPACKED));
    expect(response.body.error.message).toContain('IMPORT_MAX_UNPACKED_BYTES');
    await unharmed(before);
  });

  it('is refused while inflating when its headers claim a few kilobytes (the bytes inflated are counted)', async () => {
    const before = await counts();
    const response = await importFile(t.admin, sharedStringsBomb(2 ** 30, 4096), XLSX);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('unpacked-too-large');
    expect(response.body.error.message).toMatch(/more than its zip directory says/);
    await unharmed(before);
  });

  it('sent by six managers at once is refused six times, and the server stays up', async () => {
    const managers = await Promise.all(Array.from({ length: 6 }, (_, i) => t.user(`bomber-${i}`, 'manager', [teamId])));
    const before = await counts();
    const bomb = sharedStringsBomb(2 ** 30, 4096);
    const responses = await Promise.all(managers.map((manager) => importFile(manager.auth, bomb, XLSX)));
    expect(responses.map((response) => [response.status, response.body.error?.code])).toEqual(managers.map(() => [413, 'unpacked-too-large']));
    await unharmed(before);
  });

  // Regression: cells without a reference took the next column without end, each a fresh copy of one long shared string;
  // a 3 KB file of 40,000 such cells took the process past its heap before the column limit was checked.
  it('whose one row repeats a long shared string in 40,000 cells is 422 at the hundred-and-first, and the server stays up', async () => {
    const before = await counts();
    const cells = '<c t="s"><v>0</v></c>'.repeat(40_000);
    const workbook = zipOf(workbookEntries({ content: sheetXml(`<row r="1">${cells}</row>`) }, { content: sharedStringsXml(`<si><t>${'长'.repeat(32_000)}</t></si>`) }));
    expect(workbook.length).toBeLessThan(20_000);
    const response = await importFile(t.admin, workbook, XLSX);
    expect(response.status, JSON.stringify(response.body)).toBe(422);
    expect(response.body.error.message).toContain('beyond column 100');
    await unharmed(before);
  });

  it('that is not a zip at all is 422 invalid, and leaves nothing behind', async () => {
    const before = await counts();
    const response = await importFile(t.admin, Buffer.from('PK\u0003\u0004 this is not a workbook'), XLSX);
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'invalid', details: [expect.objectContaining({ path: '/' })] });
    await unharmed(before);
  });
});

describe('the row limit', () => {
  it('refuses a CSV of one row more than IMPORT_MAX_ROWS whole (413 too-many-rows), and takes one at the limit', async () => {
    const before = await counts();
    const over = await importFile(t.admin, csv(MAX_ROWS + 1, 41), 'text/csv');
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: 'too-many-rows', limit: MAX_ROWS });
    expect(over.body.error.message).toContain(`more than ${MAX_ROWS} rows`);
    expect(over.body.error.message).toContain('IMPORT_MAX_ROWS');
    await unharmed(before);

    const at = await importFile(t.admin, csv(MAX_ROWS, 43), 'text/csv');
    expect(at.status).toBe(202);
    await t.services.leads.idle();
    expect(await t.services.leads.get(at.body._id)).toMatchObject({ status: 'done', total: MAX_ROWS, rows: MAX_ROWS, created: MAX_ROWS });
    expect(readdirSync(uploads)).toEqual([]);
  });

  it('refuses an XLSX of one row more than IMPORT_MAX_ROWS whole', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['公司名称', '地区代码', '类型', '员工数', '行业']);
    for (const name of companyNames(MAX_ROWS + 1, 47)) sheet.addRow([name, '440305', 'company', 20, 'technology']);
    const before = await counts();
    const response = await importFile(t.admin, Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'too-many-rows', limit: MAX_ROWS });
    await unharmed(before);
  });

  it('refuses a receivables CSV over the limit whole, and deletes every receivables upload', async () => {
    const header = 'customerId,exposure,daysPastDue,asOf';
    const rows = (count: number) => [header, ...Array.from({ length: count }, (_, i) => `no-such-${i},100,0,2026-11-01`)].join('\n');
    const over = await t.http.post('/api/credit/receivables/import').set('authorization', t.admin).set('content-type', 'text/csv').send(rows(MAX_ROWS + 1));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ code: 'too-many-rows', limit: MAX_ROWS });
    const at = await t.http.post('/api/credit/receivables/import').set('authorization', t.admin).set('content-type', 'text/csv').send(rows(MAX_ROWS));
    expect(at.status).toBe(200);
    expect(at.body).toMatchObject({ rows: MAX_ROWS, updated: 0 });
    expect(readdirSync(uploads)).toEqual([]);
  });
});

describe('one running import per user', () => {
  it('answers 409 naming the running import, lets others import meanwhile, and takes the next one once it is done', async () => {
    const manager = await t.user('busy.manager', 'manager', [teamId]);
    const other = await t.user('idle.manager', 'manager', [teamId]);
    // An import of the manager's still running (here, or on another process).
    await t.services.leads.imports.insertOne({ _id: 'import-in-flight', status: 'running', format: 'csv', by: manager.id, startedAt: t.clock.now.toISOString(), rows: 0, created: 0, assigned: 0, queued: 0, rejected: 0, problems: [] });
    const before = await counts();
    const refused = await importFile(manager.auth, csv(2, 53), 'text/csv');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', importId: 'import-in-flight' });
    expect(refused.body.error.message).toContain('import-in-flight');
    await unharmed(before);

    const meanwhile = await importFile(other.auth, csv(2, 59), 'text/csv');
    expect(meanwhile.status).toBe(202);
    await t.services.leads.imports.updateOne({ _id: 'import-in-flight' }, { $set: { status: 'done' } });
    const next = await importFile(manager.auth, csv(2, 61), 'text/csv');
    expect(next.status).toBe(202);
    await t.services.leads.idle();
  });
});

describe('the upload folder', () => {
  it('is emptied of uploads a previous start left, and of nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-uploads-left-'));
    writeFileSync(join(dir, 'crm-policy-upload-left-by-a-crash'), 'companyName\n');
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    const restarted = await createTestApp({ config: { uploadDir: dir } });
    try {
      expect(readdirSync(dir)).toEqual(['notes.txt']);
    } finally {
      await restarted.store.close();
    }
  });
});
