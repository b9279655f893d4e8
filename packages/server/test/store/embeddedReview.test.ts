import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Doc } from '../../src/store/collection.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'wt-review-'));

/** Closes a store and opens its folder again. */
async function reopen(store: EmbeddedStore): Promise<EmbeddedStore> {
  await store.close();
  return EmbeddedStore.open(store.dir);
}

describe('embedded store: regressions found in review', () => {
  it('a failed atomic group that deleted a document leaves the insertion order as it was', async () => {
    const store = await EmbeddedStore.open(freshDir());
    const c = store.collection('c');
    for (const id of ['a', 'b', 'c']) await c.insertOne({ _id: id });
    await expect(
      store.writeAtomically([
        { collection: 'c', deleteOne: { filter: { _id: 'a' } } },
        { collection: 'c', updateOne: { filter: { _id: 'nope' }, update: { $set: { x: 1 } }, mustMatch: true } },
      ]),
    ).rejects.toMatchObject({ code: 'write-conflict' });
    const live = (await c.find({})).map((doc) => doc._id);
    const reopened = await reopen(store);
    const restarted = (await reopened.collection('c').find({})).map((doc) => doc._id);
    await reopened.close();
    expect(restarted).toEqual(['a', 'b', 'c']);
    expect(live).toEqual(restarted);
  });

  it('an update setting a field to undefined reads the same after a restart', async () => {
    const store = await EmbeddedStore.open(freshDir(), { packed: [] });
    const c = store.collection('c');
    await c.insertOne({ _id: 'a', x: 1 });
    await c.updateOne({ _id: 'a' }, { $set: { x: undefined } });
    const live = await c.findOne({ _id: 'a' });
    const reopened = await reopen(store);
    const restarted = await reopened.collection('c').findOne({ _id: 'a' });
    await reopened.close();
    expect(restarted?.['x']).toEqual(live?.['x']);
  });

  it('a $currentDate update replays to the date it was given, not the time of the restart', async () => {
    const store = await EmbeddedStore.open(freshDir(), { packed: [] });
    const c = store.collection('c');
    await c.insertOne({ _id: 'a' });
    await c.updateOne({ _id: 'a' }, { $currentDate: { at: true } });
    const live = (await c.findOne({ _id: 'a' }))?.['at'];
    await new Promise((resolve) => setTimeout(resolve, 30));
    const reopened = await reopen(store);
    const restarted = (await reopened.collection('c').findOne({ _id: 'a' }))?.['at'];
    await reopened.close();
    expect(live).toBeDefined();
    expect(new Date(restarted as string).getTime()).toBe(new Date(live as string).getTime());
  });

  it('a write whose log append failed is not made durable by the next checkpoint', async () => {
    const store = await EmbeddedStore.open(freshDir(), { packed: [] });
    const c = store.collection('c');
    await c.insertOne({ _id: 'kept' });
    // The disk refuses the next write to the current log (full).
    const log = (store as unknown as { log: { handle: { write: () => Promise<never> } } }).log;
    log.handle.write = () => Promise.reject(new Error('ENOSPC: simulated'));
    await expect(c.insertOne({ _id: 'refused' })).rejects.toMatchObject({ code: 'store-unavailable' });
    await store.checkpoint().catch(() => undefined);
    const reopened = await reopen(store).catch(async () => EmbeddedStore.open(store.dir));
    const ids = (await reopened.collection('c').find({})).map((doc: Doc) => doc._id);
    await reopened.close();
    expect(ids).toEqual(['kept']);
  });

  // Known bug: a packed collection answers what JSON kept (the date as a string, -0 as 0); an object collection answers the values written.
  it.fails('a packed collection answers a document as an object collection does', async () => {
    const store = await EmbeddedStore.open(freshDir(), { packed: ['packed'] });
    const doc = { _id: 'a', at: new Date(5), n: -0 };
    await store.collection('packed').insertOne(doc);
    await store.collection('objects').insertOne(doc);
    const packed = await store.collection('packed').findOne({ _id: 'a' });
    const objects = await store.collection('objects').findOne({ _id: 'a' });
    await store.close();
    expect(objects?.['at']).toBeInstanceOf(Date);
    expect(packed).toEqual(objects);
  });

  it('a write refused by a closed store changes nothing', async () => {
    const store = await EmbeddedStore.open(freshDir());
    const c = store.collection('c');
    await store.close();
    await expect(c.insertOne({ _id: 'x' })).rejects.toMatchObject({ code: 'store-unavailable' });
    expect(await c.countDocuments()).toBe(0);
  });
});
