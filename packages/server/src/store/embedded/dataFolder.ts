import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files of an embedded data folder:
 * - `snapshot.jsonl`: the last checkpoint, one JSON value per line: a header
 *   (format, generation, time), then per collection its index specs and its
 *   documents (`snapshotLine.ts`). Generation G holds every write of the
 *   logs numbered below G.
 * - `log-<N>.jsonl`: the writes since, one entry per line, replayed in order
 *   from log G on.
 * - `LOCK`: the process using the folder.
 * Before format 2: `snapshot.json` (one JSON object) and `log.jsonl`, read
 * once and replaced by the current layout.
 */
export const SNAPSHOT_FILE = 'snapshot.jsonl';
export const LEGACY_SNAPSHOT_FILE = 'snapshot.json';
export const LEGACY_LOG_FILE = 'log.jsonl';
/** 3: a packed collection's document lines carry their index keys (`snapshotLine.ts`); format 2 is read as well. */
export const STORE_FORMAT = 3;

const LOG_NAME = /^log-(\d{6,})\.jsonl$/;

export const snapshotPath = (dir: string) => join(dir, SNAPSHOT_FILE);
export const logPath = (dir: string, number: number) => join(dir, `log-${String(number).padStart(6, '0')}.jsonl`);

/** The numbers of the logs in the folder, in order. */
export function logNumbers(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => LOG_NAME.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The first line of a snapshot. */
export interface SnapshotHeader {
  store: 'crm-policy';
  format: number;
  generation: number;
  at: string;
}

/** Bytes the store's files take on disk. */
export function bytesOnDisk(dir: string): { snapshot: number; logs: number } {
  const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);
  return { snapshot: size(snapshotPath(dir)), logs: logNumbers(dir).reduce((sum, n) => sum + size(logPath(dir, n)), 0) };
}

/** Removes what a checkpoint cut short left behind (its temporary file). */
export function removeLeftovers(dir: string): void {
  for (const name of readdirSync(dir)) if (name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
}
