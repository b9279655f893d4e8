import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { CreditAccounts } from './creditAccounts.js';
import type { CustomerDoc } from '../claims/claimDocs.js';
import type { Collection } from '../../store/collection.js';
import { tooManyRows } from '../imports/importLimits.js';

export interface ReceivablesRowProblem {
  line: number;
  reason: string;
}

const HEADERS: Record<string, string> = { 客户编号: 'customerId', 统一社会信用代码: 'creditCode', 应收余额: 'exposure', 逾期天数: 'daysPastDue', 截至日期: 'asOf' };

/**
 * Reads a receivables CSV (header row: customerId or creditCode, exposure,
 * daysPastDue, asOf; Chinese headers accepted) and records each row on its
 * account. Rows stand alone: a bad row is reported with its line, the others go in.
 * A file of more than `maxRows` data rows is refused whole (413 `too-many-rows`).
 */
export async function importReceivables(path: string, deps: { accounts: CreditAccounts; customers: Collection<CustomerDoc>; maxRows: number }): Promise<{ rows: number; updated: number; problems: ReceivablesRowProblem[] }> {
  let records: string[][];
  try {
    // The header, the rows allowed, and one more to tell the file is over the limit.
    records = parse(await readFile(path, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, to: deps.maxRows + 2 }) as string[][];
  } catch (error) {
    return { rows: 0, updated: 0, problems: [{ line: 1, reason: `not a readable CSV file: ${(error as Error).message}` }] };
  }
  if (records.length > deps.maxRows + 1) throw tooManyRows(deps.maxRows);
  const [header = [], ...rows] = records;
  const columns = header.map((name) => HEADERS[name] ?? name);
  const missing = ['exposure', 'daysPastDue', 'asOf'].filter((name) => !columns.includes(name));
  if (!columns.includes('customerId') && !columns.includes('creditCode')) missing.unshift('customerId or creditCode');
  if (missing.length > 0) return { rows: rows.length, updated: 0, problems: [{ line: 1, reason: `the header row lacks ${missing.join(', ')}` }] };
  const problems: ReceivablesRowProblem[] = [];
  let updated = 0;
  for (const [i, cells] of rows.entries()) {
    const line = i + 2;
    const row = Object.fromEntries(columns.map((name, at) => [name, cells[at] ?? '']));
    const exposure = Number(row['exposure']);
    const daysPastDue = Number(row['daysPastDue']);
    const asOf = row['asOf'] ?? '';
    if (!Number.isFinite(exposure) || exposure < 0 || row['exposure'] === '') problems.push({ line, reason: 'exposure must be a number ≥ 0' });
    else if (!Number.isInteger(daysPastDue) || daysPastDue < 0 || row['daysPastDue'] === '') problems.push({ line, reason: 'daysPastDue must be a whole number ≥ 0' });
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) problems.push({ line, reason: 'asOf must be a date YYYY-MM-DD' });
    else {
      const customer = row['customerId'] ? { _id: row['customerId'] } : await deps.customers.findOne({ creditCode: row['creditCode'] }, { projection: { _id: 1 } });
      const account = customer ? await deps.accounts.receivables(customer._id, { exposure, daysPastDue, asOf }) : null;
      if (account) updated += 1;
      else problems.push({ line, reason: customer && (await deps.accounts.accounts.findOne({ _id: customer._id })) ? 'older than the receivables already recorded' : 'no credit account for this customer' });
    }
  }
  return { rows: rows.length, updated, problems };
}
