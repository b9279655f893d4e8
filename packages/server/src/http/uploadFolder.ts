import { randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every upload's file name starts so: the only files the folder's cleaning removes. */
const PREFIX = 'crm-policy-upload-';

/**
 * Makes the folder uploads are saved in while they are read, and removes the
 * uploads a previous start left there (a process stopped mid-import). Only
 * this server's own upload files are touched, whatever else the folder holds.
 * Without a folder, a new one in the system's temporary folder.
 */
export async function prepareUploadFolder(dir?: string): Promise<string> {
  if (!dir) return mkdtemp(join(tmpdir(), 'crm-policy-uploads-'));
  await mkdir(dir, { recursive: true });
  const leftovers = (await readdir(dir)).filter((name) => name.startsWith(PREFIX));
  await Promise.all(leftovers.map((name) => rm(join(dir, name), { force: true })));
  return dir;
}

/** A new upload's path in the folder. */
export function uploadPath(dir: string): string {
  return join(dir, `${PREFIX}${randomUUID()}`);
}
