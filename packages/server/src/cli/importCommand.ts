import { resolve } from 'node:path';
import { importIntoEmptyFolder } from '../store/exchange/importStore.js';
import type { CommandIO } from './commandIO.js';
import { CommandError } from './commandIO.js';

/**
 * `crm-policy-server import --from <dir>`: loads an export into a new
 * embedded store in DATA_DIR, which must be missing or empty.
 */
export async function importCommand(io: CommandIO, options: { from?: string | undefined }): Promise<number> {
  if (!options.from) throw new CommandError('Give the folder of the export: --from <dir>');
  if (io.env['MONGODB_URI']) {
    throw new CommandError('MONGODB_URI is set: import fills an embedded store (DATA_DIR); MongoDB is loaded with mongoimport (docs/deployment.md, "Moving to MongoDB")');
  }
  const dataDir = resolve(io.cwd, io.env['DATA_DIR'] ?? 'data');
  const summary = await importIntoEmptyFolder(resolve(io.cwd, options.from), dataDir, { label: 'DATA_DIR' });
  const documents = summary.collections.reduce((sum, collection) => sum + collection.documents, 0);
  io.out(`Imported ${documents} documents in ${summary.collections.length} collections, and ${summary.indexes} indexes, into ${summary.dataDir}\n`);
  for (const { name, documents: count } of summary.collections) io.out(`  ${name}: ${count}\n`);
  return 0;
}
