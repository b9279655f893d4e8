import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerCommand } from '../../../src/cli/serverCommands.js';
import type { Doc, Store } from '../../../src/store/collection.js';

/** Temporary folders made by a test file, removed after it. */
export function temporaryFolders() {
  const made: string[] = [];
  return {
    /** A new empty folder. */
    folder(): string {
      const dir = mkdtempSync(join(tmpdir(), 'crm-policy-exchange-'));
      made.push(dir);
      return dir;
    },
    /** A path inside a new folder, with nothing there yet. */
    path(name = 'target'): string {
      return join(this.folder(), name);
    },
    removeAll(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `crm-policy-server <args>` in-process with the given environment; answers the status and what it printed. */
export async function serverCommand(args: string[], env: Record<string, string | undefined>): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await runServerCommand(args, { out: (text) => (out += text), err: (text) => (err += text), env, cwd: tmpdir() });
  return { status, out, err };
}

/** Every collection's documents, sorted by id: the store's content, to compare two stores. */
export async function contentOf(store: Store, names: readonly string[]): Promise<Record<string, Doc[]>> {
  const content: Record<string, Doc[]> = {};
  for (const name of names) content[name] = (await store.collection(name).find({})).sort((a, b) => (a._id < b._id ? -1 : 1));
  return content;
}

/** The names of the collections an embedded store holds (its health names them). */
export async function collectionNamesOf(store: Store): Promise<string[]> {
  return Object.keys((await store.health()).detail['collections'] as Record<string, number>).sort();
}
