import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyed-line-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder whose snapshot holds two packed documents, one line of which `damage` rewrites. */
async function damagedFolder(damage: (line: string) => string): Promise<string> {
  const dir = folder();
  const store = await EmbeddedStore.open(dir, { packed: ['log'] });
  const log = store.collection('log');
  await log.createIndex({ name: 'by_at', keys: { at: 1 } });
  await log.insertMany([
    { _id: 'a', at: 1, detail: { reason: { code: 'x' } }, text: 'first' },
    { _id: 'b', at: 2, detail: { reason: { code: 'y' } }, text: 'second' },
  ]);
  await store.checkpoint();
  await store.close();
  const path = join(dir, 'snapshot.jsonl');
  const lines = readFileSync(path, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.startsWith('{"c":"log","k":{"_id":"b"'));
  lines[at] = damage(lines[at]!);
  writeFileSync(path, lines.join('\n'));
  return dir;
}

describe('a packed document’s line damaged inside the document’s bytes', () => {
  it('is refused at open when the snapshot is cut short inside it (docs/deployment.md: "a keyed line cut short")', async () => {
    // Cut after `"reason":{"code":"y"}}`: what is left still ends in two braces; the document's checksum tells.
    const dir = await damagedFolder((line) => line.slice(0, line.indexOf('"y"}}') + 5));
    const opening = EmbeddedStore.open(dir, { packed: ['log'] });
    // Closed if it opened, so that the folder's lock goes with the test.
    void opening.then((store) => store.close(), () => undefined);
    await expect(opening).rejects.toMatchObject({ code: 'store-corrupt' });
  });

  it('does not stop every later checkpoint when the store opened on it', async () => {
    // A checkpoint parses every packed document to write its keys: one that cannot be parsed must not get in.
    const dir = await damagedFolder((line) => line.replace('"text":"second"', '"text":"second",'));
    let store: EmbeddedStore;
    try {
      store = await EmbeddedStore.open(dir, { packed: ['log'] });
    } catch (error) {
      // Refusing the folder at open is the other honest answer.
      expect(error).toMatchObject({ code: 'store-corrupt' });
      return;
    }
    try {
      await store.collection('log').insertOne({ _id: 'c', at: 3 });
      await expect(store.checkpoint()).resolves.toBeDefined();
    } finally {
      await store.close();
    }
  });
});
