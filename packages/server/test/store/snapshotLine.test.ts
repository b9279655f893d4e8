import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Doc, IndexSpec } from '../../src/store/collection.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { keyFields, keysOf, readKeyedLine, snapshotDocumentLine } from '../../src/store/embedded/snapshotLine.js';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-line-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SPECS: IndexSpec[] = [
  { name: 'by_seq', keys: { seq: 1 }, unique: true },
  { name: 'by_policy_time', keys: { policy: 1, at: 1 } },
  { name: 'by_brand', keys: { 'profile.brand': 1 } },
  { name: 'pending', keys: { pending: 1 }, partialFilterExpression: { $and: [{ pending: true }, { 'state.open': { $exists: true } }] } },
];

describe('a packed document’s line in a snapshot', () => {
  it('names the fields its indexes’ keys and partial filters read, at the top level', () => {
    expect(keyFields(SPECS).sort()).toEqual(['at', 'pending', 'policy', 'profile', 'seq', 'state']);
    expect(keyFields([{ name: 'by_id', keys: { _id: 1 } }])).toEqual([]);
  });

  it('reads back as its keys and the document’s own bytes, whatever the values hold', () => {
    // Strings with braces, quotes, backslashes, `,"d":` and characters past ASCII, in the keys and in the document.
    const tricky = fc.oneof(fc.string(), fc.constantFrom('}', '{', '"', '\\', ',"d":', '\\"}', '报备"客户}', '\u2028', '😀'));
    const value = fc.oneof(tricky, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tricky, { maxLength: 3 }), fc.dictionary(tricky, tricky, { maxKeys: 3 }));
    fc.assert(
      fc.property(tricky, fc.dictionary(fc.constantFrom('seq', 'policy', 'at', 'profile', 'pending', 'state', 'other', 'text'), value), tricky, (id, fields, collection) => {
        const doc: Doc = { _id: id, ...fields };
        const line = Buffer.from(snapshotDocumentLine(collection, doc, SPECS, true));
        // Padded on both sides: a line is read in place, from a chunk holding others.
        const chunk = Buffer.concat([Buffer.from('xx\n'), line, Buffer.from('\nyy')]);
        const end = 3 + line.length;
        expect(JSON.parse(line.toString('utf8'))).toEqual({ c: collection, k: keysOf(doc, keyFields(SPECS)), s: expect.any(Number), d: doc });
        if (collection.includes('\\') || collection.includes('"') || [...collection].some((char) => char < " ")) {
          // A name JSON escapes is read the slow way, as the whole line.
          expect(readKeyedLine(chunk, 3, end)).toBeUndefined();
          return;
        }
        const keyed = readKeyedLine(chunk, 3, end)!;
        expect(keyed.collection).toBe(collection);
        expect(keyed.keys).toEqual(keysOf(doc, keyFields(SPECS)));
        expect(JSON.parse(chunk.toString('utf8', keyed.documentStart, end - 1))).toEqual(doc);
      }),
      { numRuns: 500, seed: 31 },
    );
  });

  it('is not read as keyed when it is a header, index specs or a document kept as an object', () => {
    for (const text of ['{"store":"crm-policy","format":3}', '{"c":"audit","indexes":[]}', '{"c":"audit","d":{"_id":"a","k":1}}', snapshotDocumentLine('audit', { _id: 'a' }, [], false)]) {
      const line = Buffer.from(text);
      expect(readKeyedLine(line, 0, line.length), text).toBeUndefined();
    }
  });

  it('throws when it starts as one and is cut short, or its document’s bytes are not the ones written', () => {
    const line = snapshotDocumentLine('audit', { _id: 'a', at: '2026-12-01', detail: { reason: { code: 'y' } }, text: '报备' }, [{ name: 'by_at', keys: { at: 1 } }], true);
    const whole = Buffer.from(line);
    expect(readKeyedLine(whole, 0, whole.length)?.keys).toEqual({ _id: 'a', at: '2026-12-01' });
    for (const cut of [line.indexOf('"k":') + 6, line.indexOf('"s":') + 5, line.indexOf('"d":') - 1, line.indexOf('"d":') + 4, line.indexOf('"y"}}') + 5, line.length - 1]) {
      const bytes = Buffer.from(line.slice(0, cut));
      expect(() => readKeyedLine(bytes, 0, bytes.length), line.slice(0, cut)).toThrow();
    }
    // One character changed in the document, its length kept.
    const changed = Buffer.from(line.replace('"text":"报备"', '"text":"报修"'));
    expect(() => readKeyedLine(changed, 0, changed.length)).toThrow(/checksum/);
  });
});

describe('a checkpoint of packed collections', () => {
  async function filled(dir: string, packed: string[]) {
    const store = await EmbeddedStore.open(dir, { packed });
    const log = store.collection('log');
    for (const spec of SPECS) await log.createIndex(spec);
    await log.insertMany(
      Array.from({ length: 40 }, (_, i) => ({
        _id: `e${i}`,
        seq: i,
        policy: i % 2 ? 'assignment' : 'credit',
        at: `2026-12-01T00:00:${String(i).padStart(2, '0')}Z`,
        profile: { brand: ['华兴', 'Sunrise "&" Co.', '{}'][i % 3], spoken: 'huaxing' },
        ...(i % 4 === 0 ? { pending: true, state: { open: i } } : {}),
        text: `报备 ${'}'.repeat(i % 3)} "${i}"`,
      })),
    );
    return store;
  }
  const answers = async (store: EmbeddedStore) => {
    const log = store.collection('log');
    return {
      all: await log.find({}, { sort: { seq: 1 } }),
      bySeq: await log.findOne({ seq: 7 }),
      byPolicy: (await log.find({ policy: 'assignment', at: { $gte: '2026-12-01T00:00:10Z' } }, { sort: { at: -1 } })).map((doc) => doc._id),
      byBrand: (await log.find({ 'profile.brand': 'Sunrise "&" Co.' })).map((doc) => doc._id).sort(),
      pending: (await log.find({ pending: true, 'state.open': { $exists: true } })).map((doc) => doc._id).sort(),
      refused: await log.insertOne({ _id: 'again', seq: 7 }).then(
        () => 'inserted',
        (error: { code?: string }) => error.code,
      ),
    };
  };

  it('writes the keys beside each packed document, and a store opened on it answers as the one that wrote it', async () => {
    const dir = folder();
    const store = await filled(dir, ['log']);
    const before = await answers(store);
    await store.checkpoint();
    await store.close();
    const lines = readFileSync(join(dir, 'snapshot.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!).format).toBe(3);
    const docLines = lines.filter((line) => line.startsWith('{"c":"log","k":'));
    expect(docLines).toHaveLength(40);
    expect(JSON.parse(docLines[0]!).k).toEqual({ _id: 'e0', seq: 0, policy: 'credit', at: '2026-12-01T00:00:00Z', profile: { brand: '华兴', spoken: 'huaxing' }, pending: true, state: { open: 0 } });

    for (const packed of [['log'], []]) {
      const reopened = await EmbeddedStore.open(dir, { packed });
      expect(await answers(reopened), `packed: ${packed.join()}`).toEqual(before);
      await reopened.close();
    }
  });

  it('is refused, naming the line, when a packed document’s line is cut short', async () => {
    const dir = folder();
    const store = await filled(dir, ['log']);
    await store.checkpoint();
    await store.close();
    const path = join(dir, 'snapshot.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.startsWith('{"c":"log","k":{"_id":"e5"'));
    lines[at] = lines[at]!.slice(0, lines[at]!.indexOf(',"d":'));
    writeFileSync(path, lines.join('\n'));
    await expect(EmbeddedStore.open(dir, { packed: ['log'] })).rejects.toMatchObject({ code: 'store-corrupt', message: expect.stringContaining(`line ${at + 1} is damaged`) });
  });

  it('still opens a snapshot of format 2, whose packed documents come without keys', async () => {
    const dir = folder();
    const store = await filled(dir, ['log']);
    const before = await answers(store);
    await store.checkpoint();
    await store.close();
    const path = join(dir, 'snapshot.jsonl');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const header = { ...JSON.parse(lines[0]!), format: 2 };
    const older = lines.slice(1).map((line) => {
      const value = JSON.parse(line) as Record<string, unknown>;
      return 'k' in value ? JSON.stringify({ c: value['c'], d: value['d'] }) : line;
    });
    writeFileSync(path, `${[JSON.stringify(header), ...older].join('\n')}\n`);
    const reopened = await EmbeddedStore.open(dir, { packed: ['log'] });
    expect(await answers(reopened)).toEqual(before);
    await reopened.close();
  });
});
