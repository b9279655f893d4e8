import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Collection, Doc } from '../collection.js';
import { EmbeddedStore } from '../embedded/embeddedStore.js';
import { isDuplicateKey, StoreError } from '../storeError.js';
import { assertMissingOrEmpty, fillEmptyFolder } from './emptyFolderFill.js';
import { ExchangeError } from './exchangeError.js';
import { readExtendedJsonLines } from './extendedJsonLines.js';
import { indexSpecsOf, INDEXES_FILE, parseIndexesFile } from './indexCommands.js';

/** What an import loaded. */
export interface ImportSummary {
  dataDir: string;
  collections: Array<{ name: string; documents: number }>;
  indexes: number;
}

/** Documents inserted per write. */
const BATCH_SIZE = 1000;

async function readIndexesFile(fromDir: string): Promise<string> {
  try {
    return await readFile(join(fromDir, INDEXES_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ExchangeError('not-an-export', `${fromDir} holds no ${INDEXES_FILE}: give a folder written by crm-policy-server export`);
  }
}

/** Inserts a batch; a duplicate `_id` is named by its file and line. */
async function insertBatch(collection: Collection, batch: ReadonlyArray<{ line: number; doc: Doc }>, file: string): Promise<void> {
  try {
    await collection.insertMany(batch.map((item) => item.doc));
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The later of two in one batch, or the only one when the first came in an earlier batch.
    const at = batch.filter((item) => item.doc._id === error.detail.key).at(-1);
    const line = at?.line;
    throw new ExchangeError('duplicate-key', `${file}${line ? ` line ${line}` : ''}: _id ${JSON.stringify(error.detail.key)} appears twice`, { file, ...(line ? { line } : {}) });
  }
}

async function importFile(store: EmbeddedStore, path: string): Promise<{ name: string; documents: number }> {
  const file = basename(path);
  const name = basename(path, '.json');
  let collection: Collection;
  try {
    collection = store.collection(name);
  } catch (error) {
    if (error instanceof StoreError) throw new ExchangeError('not-an-export', `${file}: ${name} is not a collection name`, { file });
    throw error;
  }
  let batch: Array<{ line: number; doc: Doc }> = [];
  let documents = 0;
  for await (const item of readExtendedJsonLines(path)) {
    batch.push(item);
    if (batch.length >= BATCH_SIZE) {
      await insertBatch(collection, batch, file);
      documents += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await insertBatch(collection, batch, file);
  return { name, documents: documents + batch.length };
}

/**
 * Loads an export (see `exportStore`; also any folder of `<collection>.json`
 * files of Extended JSON documents with an `indexes.json`) into a new embedded
 * store in `dataDir`, which must be missing or empty. Files are read line by
 * line and inserted in batches, then the indexes are created. Written whole or
 * not at all: the store is built in a folder beside `dataDir` and renamed into
 * place at the end, so a bad line (`ExchangeError` naming file and line), a
 * duplicate `_id` or a broken unique index leaves `dataDir` as it was.
 */
export async function importIntoEmptyFolder(fromDir: string, dataDir: string, options: { label?: string } = {}): Promise<ImportSummary> {
  const label = options.label ?? 'DATA_DIR';
  const commands = parseIndexesFile(await readIndexesFile(fromDir));
  const files = (await readdir(fromDir)).filter((name) => name.endsWith('.json') && name !== INDEXES_FILE).sort();
  await assertMissingOrEmpty(dataDir, label);
  return fillEmptyFolder(dataDir, label, async (dir) => {
    const store = await EmbeddedStore.open(dir);
    try {
      const collections: ImportSummary['collections'] = [];
      for (const file of files) collections.push(await importFile(store, join(fromDir, file)));
      let indexes = 0;
      for (const command of commands) {
        for (const spec of indexSpecsOf(command)) {
          if (spec.name === '_id_') continue;
          try {
            await store.collection(command.createIndexes).createIndex(spec);
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            throw new ExchangeError('duplicate-key', `${command.createIndexes}.json: the documents break the unique index ${spec.name} of ${INDEXES_FILE} (key ${JSON.stringify(error.detail.key)})`, {
              file: `${command.createIndexes}.json`,
            });
          }
          indexes += 1;
        }
      }
      return { dataDir, collections, indexes };
    } finally {
      await store.close();
    }
  });
}
