import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/domain/events/outbox.js';
import { carrying, pushing } from '../../src/domain/events/stagedEvents.js';
import { Leases } from '../../src/domain/jobs/leases.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import type { Store } from '../../src/store/collection.js';
import { runUntilKilled } from '../killedWriter.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'crm-policy-outbox-'));
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

async function outboxOn(dir: string, clock = () => new Date()) {
  const store = await EmbeddedStore.open(dir);
  opened.push(store);
  const outbox = new Outbox(store, ['claims'], { clock, leases: new Leases(store, clock) });
  await outbox.createIndexes();
  return { store, outbox, claims: store.collection('claims') };
}

/** Runs the writer until it has acknowledged `count` writes, then kills it with SIGKILL: each write's event id and claim id. */
async function killedWriter(dir: string, count: number): Promise<Array<{ eventId: string; claimId: string }>> {
  const writer = fileURLToPath(new URL('./outboxWriter.mjs', import.meta.url));
  const lines = await runUntilKilled(writer, [dir], (printed) => printed.length >= count);
  return lines.map((line) => line.split(' ')).filter((parts) => parts[0] === 'ack').map(([, eventId, claimId]) => ({ eventId: eventId!, claimId: claimId! }));
}

describe('the outbox', () => {
  it('neither loses nor invents an event when the process is killed mid-stream', async () => {
    const dir = freshDir();
    const acknowledged = await killedWriter(dir, 400);
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);

    // A new process on the folder, once the killed one's relay lease (10 s) has run out: its relay moves what was left staged.
    const { outbox, claims } = await outboxOn(dir, () => new Date(Date.now() + 11_000));
    console.log(`outbox crash: ${acknowledged.length} writes acknowledged, ${await claims.countDocuments({ _eventsPending: true })} documents still carried events at the kill`);
    await outbox.relay();
    const feed = await outbox.feed(undefined, 100_000);
    const stored = new Map((await claims.find({})).map((doc) => [doc._id, doc]));

    // Lost: an acknowledged change without its event in the feed.
    const inFeed = new Set(feed.map((event) => event._id));
    expect(acknowledged.filter(({ eventId }) => !inFeed.has(eventId))).toEqual([]);
    // Invented: an event whose change is not in the store; doubled: an event twice.
    expect(feed.filter((event) => !stored.has(String(event.data['claimId'])))).toEqual([]);
    expect(inFeed.size).toBe(feed.length);
    for (const event of feed.filter((e) => e.type === 'claim.released')) expect(stored.get(String(event.data['claimId']))?.['status']).toBe('released');
    // Nothing is left staged, and the feed's order is the order of its cursor.
    expect(await claims.countDocuments({ _eventsPending: true })).toBe(0);
    const seqs = feed.map((event) => event.seq);
    expect([...seqs].sort()).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  }, 60_000);

  it('does not copy an event twice when a relay is repeated after copying but before clearing', async () => {
    const { outbox, claims } = await outboxOn(freshDir());
    const event = outbox.stage('claim.created', { claimId: 'a' });
    await claims.insertOne(carrying({ _id: 'a', status: 'active' }, [event]));
    expect(await outbox.relay()).toBe(1);
    // As if the relay had stopped before clearing: the document still carries the event.
    await claims.updateOne({ _id: 'a' }, pushing({ $set: {} }, [event]));
    expect(await outbox.relay()).toBe(0);
    expect((await outbox.feed(undefined, 10)).map((e) => e._id)).toEqual([event._id]);
    expect(await claims.findOne({ _id: 'a' })).toEqual({ _id: 'a', status: 'active' });
  });

  it('puts a write group\'s events straight into the feed on the embedded store, in the order the groups are made', async () => {
    const { store, outbox, claims } = await outboxOn(freshDir());
    // Groups built in one order and made in the other, a reader's page between them: each event's seq is given as its write is made.
    const groups = ['a', 'b', 'c'].map((id) => ({ id, writes: outbox.insertWrites('claims', { _id: id, status: 'active' }, [outbox.stage('claim.created', { claimId: id })]) }));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (const group of [...groups].reverse()) {
      await store.writeAtomically(group.writes);
      for (const event of await outbox.feed(cursor, 10)) {
        seen.push(String(event.data['claimId']));
        cursor = event.seq;
      }
    }
    expect(seen).toEqual(['c', 'b', 'a']);
    // Written once: the claim carries nothing to relay, and the feed holds each event once.
    expect(await claims.countDocuments({ _eventsPending: true })).toBe(0);
    expect(await claims.findOne({ _id: 'a' })).toEqual({ _id: 'a', status: 'active' });
    expect(await outbox.relay()).toBe(0);
    expect(await outbox.events.countDocuments({})).toBe(3);
    // An update's event likewise, after the feed's last seq, also after a restart on the folder.
    const released = outbox.stage('claim.released', { claimId: 'a' });
    await store.writeAtomically(outbox.updateWrites('claims', { filter: { _id: 'a' }, update: { $set: { status: 'released' } }, mustMatch: true }, [released]));
    const last = (await outbox.feed(undefined, 10)).at(-1)!;
    expect([last._id, last.seq > cursor!]).toEqual([released._id, true]);
  });

  it('hands the webhook dispatcher each event once through its cursor, and starts a feed of an earlier version at its oldest flagged event', async () => {
    const dir = freshDir();
    {
      // As an earlier version left it: the first event handed on, the next two still flagged.
      const store = await EmbeddedStore.open(dir);
      await store.collection('events').insertMany([
        { _id: 'e1', type: 'claim.created', at: '2026-11-01T00:00:00.000Z', seq: '2026-11-01T00:00:00.000Z|000000000', data: {} },
        { _id: 'e2', type: 'claim.created', at: '2026-11-01T00:00:01.000Z', seq: '2026-11-01T00:00:01.000Z|000000000', data: {}, pending: true },
        { _id: 'e3', type: 'claim.created', at: '2026-11-01T00:00:02.000Z', seq: '2026-11-01T00:00:02.000Z|000000000', data: {}, pending: true },
      ]);
      await store.close();
    }
    const { outbox } = await outboxOn(dir);
    const [e2, e3] = await outbox.undispatched(10);
    expect([e2?._id, e3?._id]).toEqual(['e2', 'e3']);
    await outbox.markDispatched([e2!]);
    expect((await outbox.undispatched(10)).map((event) => event._id)).toEqual(['e3']);
    // Never back: an older batch finishing late leaves the cursor where it is.
    const e1 = await outbox.events.findOne({ _id: 'e1' });
    await outbox.markDispatched([e1!]);
    expect((await outbox.undispatched(10)).map((event) => event._id)).toEqual(['e3']);
    await outbox.markDispatched([e3!]);
    expect(await outbox.undispatched(10)).toEqual([]);
    // New events are written once, with no flag, and come after the cursor.
    await outbox.events.insertOne({ _id: 'e4', type: 'claim.created', at: '2026-11-01T00:00:03.000Z', seq: '2026-11-01T00:00:03.000Z|000000000', data: {} });
    await opened.splice(0)[0]!.close();
    const again = await outboxOn(dir);
    expect((await again.outbox.undispatched(10)).map((event) => event._id)).toEqual(['e4']);
  });

  it('flags each event pending on a store several processes write (MongoDB), and clears the flags of a batch handed on', async () => {
    const embedded = await EmbeddedStore.open(freshDir());
    opened.push(embedded);
    // The same store seen as MongoDB is: events are carried, relayed and flagged, never read past a cursor.
    const store = new Proxy(embedded, { get: (target, key) => (key === 'kind' ? 'mongodb' : Reflect.get(target, key, target)) }) as Store;
    const clock = () => new Date();
    const outbox = new Outbox(store, ['claims'], { clock, leases: new Leases(store, clock) });
    await outbox.createIndexes();
    const claims = store.collection('claims');
    for (const id of ['c1', 'c2']) await claims.insertOne(carrying({ _id: id, status: 'active' }, [outbox.stage('claim.created', { claimId: id })]));
    await outbox.relay();
    const waiting = await outbox.undispatched(10);
    expect(waiting.map((event) => event.data['claimId'])).toEqual(['c1', 'c2']);
    expect(waiting.every((event) => event.pending === true)).toBe(true);
    await outbox.markDispatched(waiting.slice(0, 1));
    expect((await outbox.undispatched(10)).map((event) => event.data['claimId'])).toEqual(['c2']);
    expect(await outbox.cursors.countDocuments({})).toBe(0);
  });

  it('gives seqs after the feed\'s last when a process starts on a folder whose feed is ahead of its clock', async () => {
    const dir = freshDir();
    const ahead = await outboxOn(dir, () => new Date('2027-01-01T00:00:00Z'));
    await ahead.store.writeAtomically(ahead.outbox.insertWrites('claims', { _id: 'a' }, [ahead.outbox.stage('claim.created', { claimId: 'a' })]));
    await ahead.store.close();
    const behind = await outboxOn(dir, () => new Date('2026-01-01T00:00:00Z'));
    await behind.store.writeAtomically(behind.outbox.insertWrites('claims', { _id: 'b' }, [behind.outbox.stage('claim.created', { claimId: 'b' })]));
    expect((await behind.outbox.feed(undefined, 10)).map((event) => event.data['claimId'])).toEqual(['a', 'b']);
  });

  it('relays only on the process holding the lease, and keeps the cursor order across a handover', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open(dir);
    opened.push(store);
    const now = { at: new Date('2026-11-23T08:00:00Z') };
    const clock = () => now.at;
    // Two processes on one store (the MongoDB case), each with its own holder id.
    const first = new Outbox(store, ['claims'], { clock, leases: new Leases(store, clock) });
    const second = new Outbox(store, ['claims'], { clock: () => new Date(now.at.getTime() - 60_000), leases: new Leases(store, clock) });
    await first.createIndexes();
    const claims = store.collection('claims');
    await claims.insertOne(carrying({ _id: 'x' }, [first.stage('claim.created', { claimId: 'x' })]));
    expect(await first.relay()).toBe(1);
    await claims.insertOne(carrying({ _id: 'y' }, [second.stage('claim.created', { claimId: 'y' })]));
    expect(await second.relay()).toBe(0);
    // The first stops renewing; once its lease ran out the second takes over, its clock a minute behind.
    now.at = new Date(now.at.getTime() + 11_000);
    expect(await second.relay()).toBe(1);
    const feed = await second.events.find({}, { sort: { seq: 1 } });
    expect(feed.map((event) => event.data['claimId'])).toEqual(['x', 'y']);
  });
});
