import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EJSON } from 'bson';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/store/embedded/embeddedStore.js';
import { serverCommand, temporaryFolders } from './exchangeHelpers.js';

// Bad input to import gives a message naming the file and the line, and leaves DATA_DIR as it was; export refuses what it cannot do, saying what to do instead.
const folders = temporaryFolders();
afterAll(() => folders.removeAll());

const INDEXES = [{ createIndexes: 'customers', indexes: [{ key: { name: 1 }, name: 'customer_name_unique', unique: true }] }];

/** An export folder written by hand: `customers.json` from the given lines, and `indexes.json`. */
function exportFolder(lines: string[], indexes: unknown = INDEXES): string {
  const dir = folders.folder();
  writeFileSync(join(dir, 'customers.json'), lines.map((line) => `${line}\n`).join(''));
  writeFileSync(join(dir, 'indexes.json'), JSON.stringify(indexes));
  return dir;
}

const customerLine = (i: number) => EJSON.stringify({ _id: `c${i}`, name: `客户${i}号有限公司`, employees: i }, { relaxed: false });
const lines = (count: number) => Array.from({ length: count }, (_, i) => customerLine(i + 1));

/** Nothing at DATA_DIR and nothing left beside it (no half-built store). */
function leftNothing(dataDir: string): void {
  expect(existsSync(dataDir)).toBe(false);
  expect(readdirSync(dirname(dataDir))).toEqual([]);
}

describe('crm-policy-server import', () => {
  it('loads a good export, line by line in batches, with its indexes', async () => {
    const dataDir = folders.path('data');
    const done = await serverCommand(['import', '--from', exportFolder(lines(2500))], { DATA_DIR: dataDir });
    expect(done, done.err).toMatchObject({ status: 0, out: expect.stringContaining('Imported 2500 documents in 1 collections, and 1 indexes') });
    const store = await EmbeddedStore.open(dataDir);
    try {
      expect(await store.collection('customers').countDocuments()).toBe(2500);
      expect(await store.collection('customers').findOne({ _id: 'c2345' })).toEqual({ _id: 'c2345', name: '客户2345号有限公司', employees: 2345 });
      expect(await store.collection('customers').listIndexes()).toEqual([{ name: 'customer_name_unique', keys: { name: 1 }, unique: true }]);
    } finally {
      await store.close();
    }
  });

  it('refuses a DATA_DIR that holds anything, and changes nothing in it', async () => {
    const dataDir = folders.folder();
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    const refused = await serverCommand(['import', '--from', exportFolder(lines(3))], { DATA_DIR: dataDir });
    expect(refused).toMatchObject({ status: 2, err: expect.stringContaining(`DATA_DIR ${dataDir} is not empty`) });
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
  });

  it('names the file and line of a damaged line, after batches went in, and leaves nothing behind', async () => {
    const damaged = lines(2500);
    damaged[2344] = damaged[2344]!.slice(0, 30);
    const dataDir = folders.path('data');
    const refused = await serverCommand(['import', '--from', exportFolder(damaged)], { DATA_DIR: dataDir });
    expect(refused).toMatchObject({ status: 2, err: expect.stringMatching(/^customers\.json line 2345: not Extended JSON/) });
    leftNothing(dataDir);
  });

  it('names the line of a document the embedded store cannot keep', async () => {
    const cases: Array<[string, RegExp]> = [
      ['{"_id":"c1","limit":{"$numberDecimal":"1.5"}}', /customers\.json line 2: \/limit holds a BSON Decimal128/],
      ['{"_id":{"$oid":"5f0000000000000000000000"}}', /customers\.json line 2: _id must be a non-empty string/],
      ['["c1"]', /customers\.json line 2: not a document/],
    ];
    for (const [line, message] of cases) {
      const dataDir = folders.path('data');
      const refused = await serverCommand(['import', '--from', exportFolder([customerLine(0), line])], { DATA_DIR: dataDir });
      expect(refused, line).toMatchObject({ status: 2, err: expect.stringMatching(message) });
      leftNothing(dataDir);
    }
  });

  it('names the line of an _id seen before, in the same batch or an earlier one', async () => {
    for (const [at, of] of [[1500, 3], [12, 3]] as const) {
      const twice = lines(2000);
      twice[at - 1] = customerLine(of).replace(`客户${of}号`, '另一家');
      const dataDir = folders.path('data');
      const refused = await serverCommand(['import', '--from', exportFolder(twice)], { DATA_DIR: dataDir });
      expect(refused).toMatchObject({ status: 2, err: expect.stringContaining(`customers.json line ${at}: _id "c${of}" appears twice`) });
      leftNothing(dataDir);
    }
  });

  it('names the unique index the documents break', async () => {
    const clash = [...lines(3), EJSON.stringify({ _id: 'c9', name: '客户1号有限公司' })];
    const dataDir = folders.path('data');
    const refused = await serverCommand(['import', '--from', exportFolder(clash)], { DATA_DIR: dataDir });
    expect(refused).toMatchObject({ status: 2, err: expect.stringContaining('customers.json: the documents break the unique index customer_name_unique') });
    leftNothing(dataDir);
  });

  it('refuses a folder that is no export, and an indexes.json that is not createIndexes commands, naming the place', async () => {
    const dataDir = folders.path('data');
    const empty = folders.folder();
    expect(await serverCommand(['import', '--from', empty], { DATA_DIR: dataDir })).toMatchObject({ status: 2, err: expect.stringContaining(`${empty} holds no indexes.json`) });
    const badKey = [{ createIndexes: 'customers', indexes: [{ key: { name: 'text' }, name: 'by_text' }] }];
    expect(await serverCommand(['import', '--from', exportFolder(lines(2), badKey)], { DATA_DIR: dataDir })).toMatchObject({ status: 2, err: expect.stringContaining('indexes.json: /0/indexes/0/key/name must be equal to one of the allowed values') });
    expect(await serverCommand(['import', '--from', exportFolder(lines(2), { createIndexes: 'customers' })], { DATA_DIR: dataDir })).toMatchObject({ status: 2, err: expect.stringContaining('indexes.json: / must be array') });
    leftNothing(dataDir);
  });

  it('and export refuse to work while MONGODB_URI is set, pointing at MongoDB’s tools', async () => {
    const env = { DATA_DIR: folders.path('data'), MONGODB_URI: 'mongodb://localhost:27017/crm_policy' };
    expect(await serverCommand(['import', '--from', exportFolder(lines(1))], env)).toMatchObject({ status: 2, err: expect.stringContaining('mongoimport') });
    expect(await serverCommand(['export', '--out', folders.path('out')], env)).toMatchObject({ status: 2, err: expect.stringContaining('mongodump') });
  });
});

describe('crm-policy-server export', () => {
  let holder: ChildProcess | undefined;
  afterEach(() => {
    holder?.kill('SIGKILL');
    holder = undefined;
  });

  it('refuses a missing DATA_DIR without creating it', async () => {
    const dataDir = folders.path('data');
    expect(await serverCommand(['export', '--out', folders.path('out')], { DATA_DIR: dataDir })).toMatchObject({ status: 2, err: expect.stringContaining(`There is no data folder at ${dataDir}`) });
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a data folder a running server holds, naming the admin API to export through instead', async () => {
    const dataDir = folders.folder();
    // Another process holding the folder, as a running server does.
    holder = spawn(process.execPath, ['--input-type=module', '-e', `import { EmbeddedStore } from '@crm-policy/server'; await EmbeddedStore.open(${JSON.stringify(dataDir)}); console.log('open'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder!.stdout!.once('data', () => resolve());
      holder!.once('exit', (code) => reject(new Error(`the holder ended with ${code}`)));
    });
    const out = folders.path('out');
    const refused = await serverCommand(['export', '--out', out], { DATA_DIR: dataDir });
    expect(refused).toMatchObject({ status: 2, err: expect.stringContaining(`in use by process ${holder.pid}`) });
    expect(refused.err).toContain('POST /api/admin/export');
    expect(existsSync(out)).toBe(false);
  });

  it('answers bad usage with the usage text', async () => {
    expect(await serverCommand(['export'], {})).toMatchObject({ status: 2, err: expect.stringContaining('--out <dir>') });
    expect(await serverCommand(['exprot', '--out', 'x'], {})).toMatchObject({ status: 2, err: expect.stringContaining('Unknown command exprot') });
    expect(await serverCommand(['help'], {})).toMatchObject({ status: 0, out: expect.stringContaining('import --from <dir>') });
  });
});
