import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ExchangeError } from './exchangeError.js';

/** Whether `dir` is missing or an empty folder; a file, or a folder with anything in it, is refused. */
async function isMissingOrEmpty(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  return (await readdir(dir)).length === 0;
}

/** Refuses a `target` that holds anything, naming it as `label` (e.g. `DATA_DIR`, `--out`). */
export async function assertMissingOrEmpty(target: string, label: string): Promise<void> {
  if (!(await isMissingOrEmpty(target))) {
    throw new ExchangeError('not-empty', `${label} ${target} is not empty: name a new or empty folder (nothing was written)`);
  }
}

/**
 * Fills the folder `target` whole or not at all. `fill` writes into a new
 * folder beside it (on the same file system), renamed to `target` once `fill`
 * has finished; when `fill` fails the new folder is removed and `target` is
 * left as it was. `target` must be missing or empty, before and after.
 */
export async function fillEmptyFolder<R>(target: string, label: string, fill: (dir: string) => Promise<R>): Promise<R> {
  await assertMissingOrEmpty(target, label);
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}-${randomBytes(3).toString('hex')}`;
  // The owner's alone: an export holds every document, and a data folder is the store.
  await mkdir(partial, { mode: 0o700 });
  try {
    const result = await fill(partial);
    await assertMissingOrEmpty(target, label);
    // rmdir refuses a folder something was written to since the check.
    await rmdir(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(partial, target);
    fsyncFolder(dirname(target));
    return result;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

function fsyncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
