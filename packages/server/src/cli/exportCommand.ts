import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Store } from '../store/collection.js';
import { EmbeddedStore } from '../store/embedded/embeddedStore.js';
import { exportStore } from '../store/exchange/exportStore.js';
import { INDEXES_FILE, INDEXES_SCRIPT } from '../store/exchange/indexCommands.js';
import { StoreError } from '../store/storeError.js';
import type { CommandIO } from './commandIO.js';
import { CommandError } from './commandIO.js';

/** The embedded store in DATA_DIR, for a command run while the server is stopped. */
async function openStoppedStore(io: CommandIO): Promise<Store> {
  if (io.env['MONGODB_URI']) {
    throw new CommandError('MONGODB_URI is set: the data is in MongoDB, which mongodump and mongoexport copy. To export the embedded store in DATA_DIR, unset MONGODB_URI');
  }
  const dataDir = resolve(io.cwd, io.env['DATA_DIR'] ?? 'data');
  if (!existsSync(dataDir)) throw new CommandError(`There is no data folder at ${dataDir}: point DATA_DIR at the embedded store's folder`);
  try {
    return await EmbeddedStore.open(dataDir);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'store-locked') {
      throw new CommandError(
        `${error.message}.\nA running server holds the folder: stop it and export again, or export through it (POST /api/admin/export as an admin writes the same files on the server, under EXPORT_DIR)`,
      );
    }
    throw error;
  }
}

/**
 * `crm-policy-server export --out <dir>`: writes the embedded store in
 * DATA_DIR (the server stopped) as files mongoimport and mongosh load, and
 * says how to load them.
 */
export async function exportCommand(io: CommandIO, options: { out?: string | undefined }): Promise<number> {
  if (!options.out) throw new CommandError('Give the folder to write: --out <dir> (new or empty)');
  const out = resolve(io.cwd, options.out);
  const store = await openStoppedStore(io);
  let summary;
  try {
    summary = await exportStore(store, out, { label: '--out' });
  } finally {
    await store.close();
  }
  const width = Math.max(INDEXES_FILE.length, ...summary.collections.map((c) => c.file.length));
  io.out(`Exported to ${summary.dir}:\n`);
  for (const { file, documents } of summary.collections) io.out(`  ${file.padEnd(width)}  ${documents} document${documents === 1 ? '' : 's'}\n`);
  io.out(`  ${INDEXES_FILE.padEnd(width)}  ${summary.indexes} indexes (${INDEXES_SCRIPT} creates them with mongosh)\n`);
  if (summary.collections.length === 0) io.out('The store holds no data: is DATA_DIR the right folder?\n');
  io.out(
    [
      'Load it into MongoDB (docs/deployment.md, "Moving to MongoDB"):',
      `  for f in ${summary.dir}/*.json; do c=$(basename "$f" .json); [ "$c" = indexes ] || mongoimport --uri "$MONGODB_URI" --collection "$c" --file "$f"; done`,
      `  mongosh "$MONGODB_URI" ${summary.dir}/${INDEXES_SCRIPT}`,
      'Values sealed at rest are exported sealed: start the server on MongoDB with the same DATA_KEY.',
      '',
    ].join('\n'),
  );
  return 0;
}
