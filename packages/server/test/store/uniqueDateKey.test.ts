import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Query } from 'mingo';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc } from '../../src/store/collection.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

// The data folder keeps a Date as JSON does, as its ISO text: a unique index that told the two apart in memory
// held, after a restart, two documents of one key, and equality read from it answered only one of them.
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a unique index on a field holding a Date', () => {
  it.each([false, true])('answers equality after a restart as testing every document does (packed: %s)', async (packed) => {
    const dir = mkdtempSync(join(tmpdir(), 'unique-date-'));
    folders.push(dir);
    const options = { packed: packed ? ['things'] : [] };
    const at = new Date('2026-01-02T03:04:05.000Z');
    let store = await EmbeddedStore.open(dir, options);
    const things = store.collection('things');
    await things.createIndex({ name: 'at_unique', keys: { at: 1 }, unique: true });
    await things.insertOne({ _id: 'date', at });
    await things.insertOne({ _id: 'text', at: at.toISOString() }).catch((error: unknown) => expect(error).toMatchObject({ code: 'duplicate-key' }));
    await store.close();

    store = await EmbeddedStore.open(dir, options);
    const reopened = store.collection('things');
    const filter = { at: at.toISOString() };
    const all = await reopened.find({});
    const expected = all.filter((doc: Doc) => new Query(filter).test(doc)).map((doc) => doc._id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((await reopened.find(filter)).map((doc) => doc._id).sort()).toEqual(expected);
    expect(await reopened.countDocuments(filter)).toBe(expected.length);
    await store.close();
  });
});
