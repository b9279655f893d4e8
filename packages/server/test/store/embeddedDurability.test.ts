import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logNumbers, logPath, snapshotPath } from '../../src/store/embedded/dataFolder.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { runUntilKilled } from '../killedWriter.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'crm-policy-durable-'));

describe('embedded store durability', () => {
  it('keeps documents and indexes across restarts, rewrites nothing at start, and folds the logs into a checkpoint', async () => {
    const dir = freshDir();
    const first = await EmbeddedStore.open(dir);
    const claims = first.collection('claims');
    await claims.createIndex({ name: 'one_active', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
    for (let i = 0; i < 20; i += 1) await claims.insertOne({ _id: `c${i}`, customerId: `k${i}`, status: 'active' });
    await claims.updateOne({ _id: 'c3' }, { $set: { status: 'released' } });
    await claims.updateOne({ _id: 'c5' }, { $inc: { n: 2 } });
    await claims.deleteOne({ _id: 'c4' });
    await first.close();
    const firstLog = statSync(logPath(dir, 1)).size;
    expect(firstLog).toBeGreaterThan(0);

    const second = await EmbeddedStore.open(dir);
    const reopened = second.collection('claims');
    expect(await reopened.countDocuments()).toBe(19);
    expect((await reopened.findOne({ _id: 'c3' }))!['status']).toBe('released');
    await expect(reopened.insertOne({ _id: 'x', customerId: 'k5', status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    // Opening wrote no snapshot and left the log as it was; writes go to a new log.
    expect(existsSync(snapshotPath(dir))).toBe(false);
    expect(statSync(logPath(dir, 1)).size).toBe(firstLog);
    await reopened.updateOne({ _id: 'c5' }, { $inc: { n: 1 } });
    const taken = await second.checkpoint();
    expect(taken.generation).toBe(3);
    expect(existsSync(snapshotPath(dir))).toBe(true);
    expect(logNumbers(dir)).toEqual([3]);
    await reopened.updateOne({ _id: 'c5' }, { $inc: { n: 10 } });
    await second.close();

    const third = await EmbeddedStore.open(dir);
    // Each update replayed exactly once: 2 + 1 before the checkpoint, 10 after.
    expect((await third.collection('claims').findOne({ _id: 'c5' }))!['n']).toBe(13);
    expect(await third.collection('claims').countDocuments()).toBe(19);
    await expect(third.collection('claims').insertOne({ _id: 'y', customerId: 'k6', status: 'active' })).rejects.toMatchObject({ code: 'duplicate-key' });
    await third.close();
  });

  it('drops a last log line cut short, and refuses a log damaged in the middle', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open(dir);
    await store.collection('c').insertOne({ _id: 'a' });
    await store.collection('c').insertOne({ _id: 'b' });
    await store.close();
    appendFileSync(logPath(dir, 1), '{"c":"c","put":[{"_id":"tor');
    const reopened = await EmbeddedStore.open(dir);
    expect(await reopened.collection('c').countDocuments()).toBe(2);
    await reopened.close();

    const damaged = freshDir();
    writeFileSync(logPath(damaged, 1), '{"c":"c","put":[{"_id":"a"}]}\n{oops\n{"c":"c","put":[{"_id":"b"}]}\n');
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

  it('keeps every acknowledged write, once, of a process killed with SIGKILL while it takes checkpoints', async () => {
    const writer = fileURLToPath(new URL('./crashWriter.mjs', import.meta.url));
    // Killed as soon as enough is written while a checkpoint is under way; the snapshot's temporary file shows it was.
    let killedMidCheckpoint = 0;
    for (let run = 0; run < 5 && killedMidCheckpoint < 2; run += 1) {
      const dir = freshDir();
      const lines = await runUntilKilled(writer, [dir, '0', 'checkpoints'], (printed) => {
        const done = printed.filter((line) => line === 'checkpoint done').length;
        const running = printed.filter((line) => line === 'checkpoint start').length > done;
        return done >= 2 && running && printed.filter((line) => line === 'ack inc').length >= 50;
      });
      if (existsSync(`${snapshotPath(dir)}.tmp`)) killedMidCheckpoint += 1;
      const acknowledged = lines.filter((line) => line.startsWith('ack w')).map((line) => line.slice(4));
      const increments = lines.filter((line) => line === 'ack inc').length;
      const sent = lines.filter((line) => line === 'inc sent').length;

      const store = await EmbeddedStore.open(dir);
      const stored = new Set((await store.collection('claims').find({}, { projection: { _id: 1 } })).map((doc) => doc._id));
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      const counter = ((await store.collection('counters').findOne({ _id: 'n' }))?.['n'] ?? 0) as number;
      // Every acknowledged increment is there, and none twice: at most the one in flight when killed is extra.
      expect(counter).toBeGreaterThanOrEqual(increments);
      expect(counter).toBeLessThanOrEqual(sent);
      expect(await store.collection('ballast').countDocuments()).toBe(4000);
      const audited = lines.filter((line) => line.startsWith('ack audit ')).map((line) => line.slice(10));
      expect(audited.length).toBeGreaterThan(0);
      const entries = new Set((await store.collection('audit').find({}, { projection: { _id: 1 } })).map((doc) => doc._id));
      expect(audited.filter((id) => !entries.has(id))).toEqual([]);
      // Read through its index, and whole.
      const last = audited.at(-1)!;
      expect(await store.collection('audit').findOne({ at: `t${last.slice(1).padStart(8, '0')}` })).toEqual({ _id: last, at: `t${last.slice(1).padStart(8, '0')}`, text: '报备 "审计" {}' });
      await store.close();
    }
    expect(killedMidCheckpoint).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
