import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { readLines } from '../../src/store/embedded/lineReader.js';

const folders: string[] = [];
const folder = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('reading a file line by line', () => {
  it('gives every line, whole, across chunk edges, with multi-byte characters cut by them and a last line without a newline', () => {
    // Lines of 0 bytes to 9 MB (a read is 4 MB): short ones between chunk edges, long ones over one or two.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const lengths = [0, 3, 4 * 1024 * 1024 - 5, 1, 0, 9 * 1024 * 1024, 17, 2 * 1024 * 1024 + 1];
    for (let i = 0; i < 300; i += 1) lengths.push(next() % 20_000);
    const lines = lengths.map((length, i) => {
      const unit = i % 2 === 0 ? '报备客户' : 'ab';
      return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    });
    const path = join(folder('lines-'), 'lines.txt');
    writeFileSync(path, lines.join('\n'));
    const read: string[] = [];
    let last: { number: number; unterminated: boolean } | undefined;
    for (const line of readLines(path)) {
      read.push(line.buffer.toString('utf8', line.start, line.end));
      last = { number: line.number, unterminated: line.unterminated };
    }
    expect(read.length).toBe(lines.length);
    read.forEach((text, i) => expect(text === lines[i], `line ${i + 1}`).toBe(true));
    expect(last).toEqual({ number: lines.length, unterminated: true });
  });
});

describe('opening a snapshot', () => {
  it('refuses one that holds a document twice, naming the line, rather than indexing two versions of it', async () => {
    const dir = folder('snapshot-twice-');
    const store = await EmbeddedStore.open(dir, { packed: ['log'] });
    await store.collection('things').createIndex({ name: 'by_name', keys: { name: 1 }, unique: true });
    await store.collection('things').insertMany([
      { _id: 'a', name: 'first' },
      { _id: 'b', name: 'second' },
    ]);
    await store.collection('log').insertOne({ _id: 'l', text: '报备' });
    await store.checkpoint();
    await store.close();

    const snapshot = join(dir, 'snapshot.jsonl');
    const original = readFileSync(snapshot, 'utf8');
    const reopened = await EmbeddedStore.open(dir, { packed: ['log'] });
    expect(await reopened.collection('things').find({ name: 'second' })).toEqual([{ _id: 'b', name: 'second' }]);
    expect(await reopened.collection('log').findOne({ _id: 'l' })).toEqual({ _id: 'l', text: '报备' });
    await reopened.close();

    const lines = original.split('\n');
    const at = lines.findIndex((line) => line.includes('"_id":"b"'));
    lines.splice(at + 1, 0, lines[at]!.replace('"second"', '"renamed"'));
    writeFileSync(snapshot, lines.join('\n'));
    await expect(EmbeddedStore.open(dir, { packed: ['log'] })).rejects.toMatchObject({ code: 'store-corrupt', message: expect.stringContaining(`line ${at + 2} repeats the document "b" of things`) });
  });
});
