import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logPath, snapshotPath, STORE_FORMAT } from '../../src/store/embedded/dataFolder.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

// What the data folder looks like and what opens: files past the 512 MB a string can hold, the layout before format 2.
const folders: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-policy-layout-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The largest string V8 makes on 64-bit platforms (2^29 - 24 characters): what `readFileSync(path, 'utf8')` of the whole file needed. */
const STRING_LIMIT = 0x1fffffe8;

/** Writes `count` lines made by `line(i)`, a few MB at a time. */
function writeLines(path: string, count: number, line: (i: number) => string): void {
  const fd = openSync(path, 'w');
  try {
    let pending: string[] = [];
    let pendingLength = 0;
    for (let i = 0; i < count; i += 1) {
      const text = line(i);
      pending.push(text, '\n');
      pendingLength += text.length + 1;
      if (pendingLength > 8 * 1024 * 1024) {
        writeSync(fd, pending.join(''));
        pending = [];
        pendingLength = 0;
      }
    }
    writeSync(fd, pending.join(''));
  } finally {
    closeSync(fd);
  }
}

describe('the embedded data folder', () => {
  it('opens a log larger than a JavaScript string can hold, with memory for the data held, not the file', async () => {
    const dir = freshDir();
    const padding = 'x'.repeat(1024 * 1024);
    // 600 versions of the same three documents, each padded to 1 MB: a 600 MB log of which 3 MB is current.
    writeLines(logPath(dir, 1), 600, (i) => JSON.stringify({ c: 'customers', put: [{ _id: `c${i % 3}`, version: i, padding }] }));
    expect(statSync(logPath(dir, 1)).size).toBeGreaterThan(STRING_LIMIT);
    const heapBefore = process.memoryUsage().heapUsed;
    const store = await EmbeddedStore.open(dir);
    const customers = store.collection('customers');
    expect(await customers.countDocuments()).toBe(3);
    expect((await customers.findOne({ _id: 'c0' }))!['version']).toBe(597);
    expect((await customers.findOne({ _id: 'c2' }))!['version']).toBe(599);
    // The heap holds the three current versions (two bytes a character at most), not the file.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    await store.close();
  }, 60_000);

  it('moves a folder of the earlier layout (snapshot.json past 512 MB, log.jsonl) to the current one, keeping documents and indexes', async () => {
    const dir = freshDir();
    const padding = '压'.repeat(200_000);
    // The earlier snapshot: one JSON object, { name: { docs: [...], indexes: [...] } }, past the string limit in bytes.
    const fd = openSync(join(dir, 'snapshot.json'), 'w');
    writeSync(fd, '{"claims":{"docs":[');
    const count = 950;
    for (let i = 0; i < count; i += 1) {
      writeSync(fd, `${i === 0 ? '' : ','}${JSON.stringify({ _id: `k${i}`, customerId: `c${i}`, status: 'active', note: i === 7 ? 'a "quoted" \\ {brace} [bracket]' : padding })}`);
    }
    writeSync(fd, '],"indexes":[{"name":"one_active","keys":{"customerId":1},"unique":true,"partialFilterExpression":{"status":"active"}}]},"users":{"docs":[{"_id":"u1","username":"李四"}],"indexes":[]}}');
    closeSync(fd);
    expect(statSync(join(dir, 'snapshot.json')).size).toBeGreaterThan(STRING_LIMIT);
    writeFileSync(join(dir, 'log.jsonl'), `${JSON.stringify({ c: 'claims', put: [{ _id: 'k1', customerId: 'c1', status: 'released' }] })}\n${JSON.stringify({ c: 'claims', del: ['k2'] })}\n`);

    const store = await EmbeddedStore.open(dir);
    expect(store.openedIn.migrated).toBe(true);
    const claims = store.collection('claims');
    expect(await claims.countDocuments()).toBe(count - 1);
    expect((await claims.findOne({ _id: 'k1' }))!['status']).toBe('released');
    expect((await claims.findOne({ _id: 'k7' }))!['note']).toBe('a "quoted" \\ {brace} [bracket]');
    expect((await store.collection('users').findOne({ _id: 'u1' }))!['username']).toBe('李四');
    await expect(claims.insertOne({ _id: 'x', customerId: 'c3', status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    await claims.insertOne({ _id: 'y', customerId: 'c1', status: 'active' });
    await store.close();
    expect(existsSync(join(dir, 'snapshot.json'))).toBe(false);
    expect(existsSync(join(dir, 'log.jsonl'))).toBe(false);
    const head = Buffer.alloc(80);
    const snapshot = openSync(snapshotPath(dir), 'r');
    readSync(snapshot, head, 0, 80, 0);
    closeSync(snapshot);
    expect(head.toString('utf8')).toContain(`"format":${STORE_FORMAT}`);

    const reopened = await EmbeddedStore.open(dir);
    expect(reopened.openedIn.migrated).toBe(false);
    expect(await reopened.collection('claims').countDocuments()).toBe(count);
    await expect(reopened.collection('claims').insertOne({ _id: 'z', customerId: 'c1', status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    await reopened.close();
  }, 120_000);

  it('keeps packed collections as they were written, through a checkpoint and a restart', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open(dir);
    const audit = store.collection('audit');
    await audit.createIndex({ name: 'audit_by_subject', keys: { subject: 1 } });
    await audit.insertOne({ _id: 'a1', subject: 's1', at: '2026-11-30T00:00:00.000Z', data: { name: '华兴电子', n: 1.5, list: [1, null, 'x'] } });
    await audit.insertOne({ _id: 'a2', subject: 's2', at: '2026-11-30T00:00:01.000Z', data: {} });
    await audit.updateOne({ _id: 'a2' }, { $set: { 'data.seen': true } });
    const read = await audit.findOne({ _id: 'a1' });
    // A read of a packed document is the caller's own: changing it changes nothing stored.
    (read!['data'] as Record<string, unknown>)['name'] = 'changed';
    expect((await audit.findOne({ _id: 'a1' }))!['data']).toEqual({ name: '华兴电子', n: 1.5, list: [1, null, 'x'] });
    await store.checkpoint();
    await audit.deleteOne({ _id: 'a1' });
    await store.close();

    const reopened = await EmbeddedStore.open(dir);
    const again = reopened.collection('audit');
    expect(await again.find({})).toEqual([{ _id: 'a2', subject: 's2', at: '2026-11-30T00:00:01.000Z', data: { seen: true } }]);
    expect(await again.find({ subject: 's2' }, { projection: { at: 1 } })).toEqual([{ _id: 'a2', at: '2026-11-30T00:00:01.000Z' }]);
    await reopened.close();
  });

  it('replays a packed collection’s inserts from the log, alone and in an atomic group, as they were written', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open(dir);
    const decision = { _id: 'd1', policy: 'p', at: '2026-11-30T00:00:00.000Z', facts: { customer: { name: '华兴电子', n: 1.5, list: [1, null, 'x'] } }, dropped: undefined };
    await store.collection('decisions').insertMany([decision, { _id: 'd2', policy: 'p', at: '2026-11-30T00:00:01.000Z', facts: {} }]);
    await store.writeAtomically([
      { collection: 'customers', insertOne: { document: { _id: 'c1', name: '华兴电子' } } },
      { collection: 'decisions', insertOne: { document: { _id: 'd3', policy: 'p', at: '2026-11-30T00:00:02.000Z', facts: { q: '"quoted" \\ é' } } } },
    ]);
    const before = await store.collection('decisions').find({});
    await store.close();
    const reopened = await EmbeddedStore.open(dir);
    const after = await reopened.collection('decisions').find({});
    expect(after).toEqual(before);
    expect(after.map((doc) => doc._id)).toEqual(['d1', 'd2', 'd3']);
    expect(after[0]).toEqual({ _id: 'd1', policy: 'p', at: '2026-11-30T00:00:00.000Z', facts: { customer: { name: '华兴电子', n: 1.5, list: [1, null, 'x'] } } });
    expect(await reopened.collection('customers').findOne({ _id: 'c1' })).toEqual({ _id: 'c1', name: '华兴电子' });
    await reopened.close();
  });
});
