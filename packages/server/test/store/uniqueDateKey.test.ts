import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Query } from 'mingo';
import { afterEach, describe, expect, it } from 'vitest';
import type { Collection, Doc, Filter } from '../../src/store/collection.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

// The data folder keeps a Date as JSON does, as its ISO text: a unique index that told the two apart in memory
// held, after a restart, two documents of one key, and equality read from it answered only one of them.
const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Asserts that `find` and `countDocuments` answer what testing every document answers; returns how many match. */
async function expectScanAnswers(collection: Collection<Doc>, filter: Filter): Promise<number> {
  const all = await collection.find({});
  const expected = all.filter((doc) => new Query(filter).test(doc)).map((doc) => doc._id).sort();
  expect((await collection.find(filter)).map((doc) => doc._id).sort()).toEqual(expected);
  expect(await collection.countDocuments(filter)).toBe(expected.length);
  return expected.length;
}

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
    // Before the restart the Date is a Date: equality with its text matches it no more than a scan does.
    await expectScanAnswers(things, { at: at.toISOString() });
    await expectScanAnswers(things, { at: { $in: [at.toISOString(), 'other'] } });
    await store.close();

    store = await EmbeddedStore.open(dir, options);
    const reopened = store.collection('things');
    // After it the Date is its text, as JSON keeps it: equality matches every document holding that text.
    expect(await expectScanAnswers(reopened, { at: at.toISOString() })).toBeGreaterThan(0);
    await store.close();
  });
});
