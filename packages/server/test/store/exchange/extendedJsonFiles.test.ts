import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { EJSON } from 'bson';
import { afterAll, describe, expect, it } from 'vitest';
import type { Doc } from '../../../src/store/collection.js';
import { EmbeddedStore } from '../../../src/store/embedded/embeddedStore.js';
import { exportStore } from '../../../src/store/exchange/exportStore.js';
import { temporaryFolders } from './exchangeHelpers.js';

// The files are what mongoimport and mongosh read: one canonical Extended JSON document per line, and createIndexes commands.
const folders = temporaryFolders();
afterAll(() => folders.removeAll());

const customers: Doc[] = [
  { _id: 'c1', name: '深圳腾飞科技有限公司', contact: { name: '张总', phone: '+8613800138000' }, employees: 480, score: 0.875, tags: ['华南', '软件'], registeredAt: new Date('2026-11-23T08:00:00.123Z') },
  { _id: 'c2', name: '上海星河数据服务有限公司', note: 'line\nbreak and "quotes" and emoji 🚀', employees: 2_500_000_000, nothing: null, nested: { deep: [{ at: new Date('1969-07-20T20:17:40.000Z') }] } },
];

async function exported(docs: Doc[]): Promise<string> {
  const store = await EmbeddedStore.open(folders.folder());
  try {
    await store.collection('customers').insertMany(docs);
    await store.collection('customers').createIndex({ name: 'customer_name_unique', keys: { name: 1 }, unique: true });
    await store.collection('claims').createIndex({ name: 'one_holder_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { holding: true } });
    await store.collection('claims').createIndex({ name: 'claims_by_rep', keys: { repId: 1, status: -1 } });
    const out = folders.path('export');
    await exportStore(store, out);
    return out;
  } finally {
    await store.close();
  }
}

describe('an export’s files', () => {
  it('hold one canonical Extended JSON document per line, which EJSON reads back to the stored documents, dates and Chinese text included', async () => {
    const out = await exported(customers);
    const text = readFileSync(join(out, 'customers.json'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(customers.length);
    expect(lines.map((line) => EJSON.parse(line))).toEqual(customers);
    // Canonical: each value says its BSON type, so mongoimport guesses nothing.
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ name: '深圳腾飞科技有限公司', employees: { $numberInt: '480' }, score: { $numberDouble: '0.875' }, registeredAt: { $date: { $numberLong: String(Date.parse('2026-11-23T08:00:00.123Z')) } } });
    expect(second).toMatchObject({ employees: { $numberLong: '2500000000' }, nothing: null, nested: { deep: [{ at: { $date: { $numberLong: String(Date.parse('1969-07-20T20:17:40.000Z')) } } }] } });
  });

  it('are readable by their owner only: they hold every document, password hashes and contacts included', async () => {
    const out = await exported(customers);
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(out)) expect(statSync(join(out, file)).mode & 0o777, file).toBe(0o600);
  });

  it('write a collection with no documents but indexes as an empty file, and the indexes as createIndexes commands without _id_', async () => {
    const out = await exported(customers);
    expect(readFileSync(join(out, 'claims.json'), 'utf8')).toBe('');
    const commands = JSON.parse(readFileSync(join(out, 'indexes.json'), 'utf8')) as unknown[];
    expect(commands).toEqual([
      {
        createIndexes: 'claims',
        indexes: [
          { key: { customerId: 1 }, name: 'one_holder_per_customer', unique: true, partialFilterExpression: { holding: true } },
          { key: { repId: 1, status: -1 }, name: 'claims_by_rep' },
        ],
      },
      { createIndexes: 'customers', indexes: [{ key: { name: 1 }, name: 'customer_name_unique', unique: true }] },
    ]);
  });

  it('include a mongosh script that runs indexes.json’s commands on the database it is given', async () => {
    const out = await exported(customers);
    const ran: unknown[] = [];
    const printed: string[] = [];
    // mongosh's globals: the database of the URI, EJSON, print.
    const db = { runCommand: (command: unknown) => (ran.push(command), { ok: 1 }) };
    runInNewContext(readFileSync(join(out, 'create-indexes.js'), 'utf8'), { db, EJSON, print: (line: string) => printed.push(line) });
    expect(JSON.parse(JSON.stringify(ran))).toEqual(JSON.parse(readFileSync(join(out, 'indexes.json'), 'utf8')));
    expect(printed).toEqual(['claims: one_holder_per_customer, claims_by_rep', 'customers: customer_name_unique']);
    // A command MongoDB refuses stops the script, naming the collection.
    const refusing = { runCommand: () => ({ ok: 0, errmsg: 'E11000 duplicate key' }) };
    expect(() => runInNewContext(readFileSync(join(out, 'create-indexes.js'), 'utf8'), { db: refusing, EJSON, print: () => undefined })).toThrow(/claims: E11000/);
  });

  it('are refused into a folder that holds anything, and nothing is written there', async () => {
    const store = await EmbeddedStore.open(folders.folder());
    try {
      await store.collection('customers').insertMany(customers);
      const out = folders.folder();
      writeFileSync(join(out, 'keep.txt'), 'mine');
      await expect(exportStore(store, out, { label: '--out' })).rejects.toMatchObject({ code: 'not-empty', message: expect.stringContaining(`--out ${out} is not empty`) });
      expect(readdirSync(out)).toEqual(['keep.txt']);
    } finally {
      await store.close();
    }
  });
});
