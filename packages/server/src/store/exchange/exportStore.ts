import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Doc, IndexSpec, Store } from '../collection.js';
import { EmbeddedStore } from '../embedded/embeddedStore.js';
import { fillEmptyFolder } from './emptyFolderFill.js';
import { ExchangeError } from './exchangeError.js';
import { writeExtendedJsonLines } from './extendedJsonLines.js';
import { createIndexesCommand, createIndexesScript, indexesFileText, INDEXES_FILE, INDEXES_SCRIPT } from './indexCommands.js';

/** What an export wrote. */
export interface ExportSummary {
  /** The folder holding the files. */
  dir: string;
  /** Each collection exported: its file (`<name>.json`) and how many documents it holds. */
  collections: Array<{ name: string; file: string; documents: number }>;
  /** How many index definitions `indexes.json` holds. */
  indexes: number;
}

/**
 * The collections of an embedded store. The store interface lists none; the
 * embedded store's health names every collection it holds.
 */
async function collectionNames(store: Store): Promise<string[]> {
  const counts = (await store.health()).detail['collections'];
  return counts !== null && typeof counts === 'object' ? Object.keys(counts).sort() : [];
}

async function writeWhole(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes an embedded store as files MongoDB's own tools load, into `outDir`
 * (missing or empty; written whole or not at all, see `fillEmptyFolder`):
 * each collection as `<name>.json`, one canonical Extended JSON document per
 * line (`mongoimport --collection <name> --file <name>.json`), the index
 * definitions as `indexes.json` (createIndexes commands) and
 * `create-indexes.js` (a mongosh script running them). Values are written as
 * stored: fields sealed at rest stay sealed. Collections with neither
 * documents nor indexes are left out.
 *
 * Every collection is read at one moment, before any file is written (the
 * embedded store answers reads at once and never changes a stored document in
 * place), so writes a running server takes meanwhile are either wholly in the
 * export or not at all. Documents are then written as they are taken, a
 * bounded chunk at a time.
 */
export async function exportStore(store: Store, outDir: string, options: { label?: string } = {}): Promise<ExportSummary> {
  if (store.kind !== 'embedded') {
    throw new ExchangeError('not-embedded', 'The store is MongoDB: copy it with MongoDB’s own tools (mongodump, mongoexport)');
  }
  const names = await collectionNames(store);
  if (names.includes('indexes')) {
    throw new ExchangeError('name-taken', `A collection is named "indexes": its file would be the export's ${INDEXES_FILE}`);
  }
  // Called one after another with no await between: the embedded store answers each at once.
  // The embedded store's own capture: every collection at one instant, packed documents parsed only as they are written.
  const reads = names.map((name) => {
    const collection = store.collection(name);
    const docs = store instanceof EmbeddedStore ? Promise.resolve(store.documentsOf(name)) : collection.findReadOnly({});
    return { name, docs, indexes: collection.listIndexes() };
  });
  const taken: Array<{ name: string; docs: Iterable<Readonly<Doc>>; indexes: IndexSpec[]; count: number }> = [];
  for (const read of reads) taken.push({ name: read.name, docs: await read.docs, indexes: await read.indexes, count: await store.collection(read.name).countDocuments() });
  const kept = taken.filter((read) => read.count > 0 || read.indexes.length > 0);
  return fillEmptyFolder(outDir, options.label ?? 'The export folder', async (dir) => {
    const collections: ExportSummary['collections'] = [];
    for (const { name, docs } of kept) {
      const file = `${name}.json`;
      collections.push({ name, file, documents: await writeExtendedJsonLines(join(dir, file), docs) });
    }
    const commands = kept.filter((read) => read.indexes.length > 0).map((read) => createIndexesCommand(read.name, read.indexes));
    await writeWhole(join(dir, INDEXES_FILE), indexesFileText(commands));
    await writeWhole(join(dir, INDEXES_SCRIPT), createIndexesScript(commands));
    return { dir: outDir, collections, indexes: commands.reduce((sum, command) => sum + command.indexes.length, 0) };
  });
}
