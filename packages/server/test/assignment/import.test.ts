import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, teamWith } from './assignmentHelpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await teamWith(t, 'Nanshan Direct', [{ regions: ['4403'] }], [{ role: 'inside', capacity: 100_000 }, { role: 'field', capacity: 100_000 }, { role: 'inside', capacity: 100_000 }]);
});
afterAll(async () => {
  await t.store.close();
});

const HEADER = 'companyName,region,type,employees,industry,grade,timeframe';

/** Imports a file and waits for the background job. */
async function imported(body: Buffer | string, type: string) {
  const started = await t.http.post('/api/leads/import').set('authorization', t.admin).set('content-type', type).send(body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.status).toBe('running');
  await t.services.leads.idle();
  return (await t.http.get(`/api/leads/imports/${started.body._id}`).set('authorization', t.admin)).body;
}

describe('lead import', () => {
  it('takes a 10,000-row CSV: good rows in and assigned, bad rows reported with line and reason, nothing half-written', async () => {
    const names = companyNames(9_996, 31);
    const lines = [HEADER, ...names.map((name, i) => `${name},440305,company,${10 + (i % 500)},technology,${'ABCD'[i % 4]},3m`)];
    // Bad rows at known lines (the header is line 1, so row i is line i + 2).
    lines.splice(101, 0, '坏行一科技有限公司,449999,company,10,technology,C,3m'); // line 102: unknown district
    lines.splice(2001, 0, '坏行二科技有限公司,440305,firm,10,technology,C,3m'); // line 2002: bad type
    lines.splice(5001, 0, `${names[0]},440305,company,10,technology,C,3m`); // line 5002: duplicate of row 1
    lines.splice(9001, 0, '坏行四科技有限公司,440305,company,many,technology,C,3m'); // line 9002: employees not a number
    const before = await t.services.claims.customers.countDocuments({});
    const report = await imported(lines.join('\n') + '\n', 'text/csv');
    expect(report).toMatchObject({ status: 'done', rows: 10_000, created: 9_996, assigned: 9_996, queued: 0, rejected: 4 });
    expect(report.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [102, 'invalid'],
      [2002, 'invalid'],
      [5002, 'duplicate'],
      [9002, 'invalid'],
    ]);
    expect(report.problems[0].reason).toMatch(/region/);
    expect(report.problems[1].reason).toMatch(/type/);
    expect(report.problems[3].reason).toMatch(/employees/);
    // Every created customer has exactly one claim; no customer without an owner or a queue entry.
    expect(await t.services.claims.customers.countDocuments({})).toBe(before + 9_996);
    expect(await t.services.claims.claims.countDocuments({ source: 'assignment' })).toBe(9_996);
    expect(await t.services.assignment.queue.countDocuments({})).toBe(0);
  }, 240_000);

  it('reads XLSX with Chinese headers, and refuses other media types and empty files', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['公司名称', '地区代码', '类型', '员工数', '行业']);
    const [a, b] = companyNames(2, 37);
    sheet.addRow([a, '440305', 'company', 50, 'technology']);
    sheet.addRow([b, '440305', 'company', 'x', 'technology']);
    const report = await imported(Buffer.from(await workbook.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(report).toMatchObject({ status: 'done', rows: 2, created: 1, rejected: 1, problems: [expect.objectContaining({ line: 3, code: 'invalid' })] });

    const wrong = await t.http.post('/api/leads/import').set('authorization', t.admin).set('content-type', 'application/pdf').send(Buffer.from('%PDF'));
    expect(wrong.status).toBe(415);
    const empty = await t.http.post('/api/leads/import').set('authorization', t.admin).set('content-type', 'text/csv').send('');
    expect(empty.status).toBe(400);
  });
});
