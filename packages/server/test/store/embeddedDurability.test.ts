import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { runUntilKilled } from '../killedWriter.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'crm-policy-durable-'));

describe('embedded store durability', () => {
  it('keeps documents and indexes across a restart, and compacts the log', async () => {
    const dir = freshDir();
    const first = await EmbeddedStore.open(dir);
    const claims = first.collection('claims');
    await claims.createIndex({ name: 'one_active', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
    for (let i = 0; i < 20; i += 1) await claims.insertOne({ _id: `c${i}`, customerId: `k${i}`, status: 'active' });
    await claims.updateOne({ _id: 'c3' }, { $set: { status: 'released' } });
    await claims.deleteOne({ _id: 'c4' });
    await first.close();
    expect(statSync(join(dir, 'log.jsonl')).size).toBeGreaterThan(0);

    const second = await EmbeddedStore.open(dir);
    const reopened = second.collection('claims');
    expect(await reopened.countDocuments()).toBe(19);
    expect((await reopened.findOne({ _id: 'c3' }))!['status']).toBe('released');
    await expect(reopened.insertOne({ _id: 'x', customerId: 'k5', status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    expect(statSync(join(dir, 'log.jsonl')).size).toBe(0);
    await second.close();
  });

  it('drops a last log line cut short, and refuses a log damaged in the middle', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open(dir);
    await store.collection('c').insertOne({ _id: 'a' });
    await store.collection('c').insertOne({ _id: 'b' });
    await store.close();
    appendFileSync(join(dir, 'log.jsonl'), '{"c":"c","put":[{"_id":"tor');
    const reopened = await EmbeddedStore.open(dir);
    expect(await reopened.collection('c').countDocuments()).toBe(2);
    await reopened.close();

    const damaged = freshDir();
    writeFileSync(join(damaged, 'log.jsonl'), '{"c":"c","put":[{"_id":"a"}]}\n{oops\n{"c":"c","put":[{"_id":"b"}]}\n');
    await expect(EmbeddedStore.open(damaged)).rejects.toMatchObject({ code: 'store-corrupt' });
  });

  it('refuses a second process on the same data folder', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'LOCK'), String(process.ppid));
    await expect(EmbeddedStore.open(dir)).rejects.toMatchObject({ code: 'store-locked' });
    writeFileSync(join(dir, 'LOCK'), '999999999');
    const store = await EmbeddedStore.open(dir);
    expect(readFileSync(join(dir, 'LOCK'), 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(join(dir, 'LOCK'))).toBe(false);
  });

  it('keeps every acknowledged write of a process killed with SIGKILL', async () => {
    const dir = freshDir();
    const writer = fileURLToPath(new URL('./crashWriter.mjs', import.meta.url));
    const lines = await runUntilKilled(writer, [dir], (printed) => printed.filter((line) => line.startsWith('ack ') && !line.startsWith('ack update ')).length >= 600);
    const updated = lines.filter((line) => line.startsWith('ack update ')).map((line) => line.slice(11));
    const acknowledged = lines.filter((line) => line.startsWith('ack ') && !line.startsWith('ack update ')).map((line) => line.slice(4));
    expect(acknowledged.length).toBeGreaterThanOrEqual(600);

    const store = await EmbeddedStore.open(dir);
    const claims = store.collection('claims');
    const stored = new Map((await claims.find({})).map((doc) => [doc._id, doc]));
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    for (const id of updated) expect(stored.get(id)?.['status']).toBe('released');
    // The unique index still holds after recovery.
    const someActive = acknowledged.find((id) => stored.get(id)?.['status'] === 'active')!;
    await expect(claims.insertOne({ _id: 'dup', customerId: someActive, status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    await store.close();
  });
});
