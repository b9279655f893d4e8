import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { join, relative, resolve } from 'node:path';
import type { PolicyKind } from '../format/ruleFile.js';
import { POLICY_KINDS } from '../policies/policyRegistry.js';
import type { CommandIO } from './usageError.js';
import { UsageError } from './usageError.js';

export interface ExportOptions {
  server?: string;
  rules?: string;
}

/**
 * `crm-policy export --server <url>`: writes each policy's published version
 * from a running server into the rules folder, so it can be kept in git.
 * Signs in with CRM_POLICY_API_KEY (an admin key) or CRM_POLICY_TOKEN.
 */
export async function exportCommand(io: CommandIO, policies: readonly string[], options: ExportOptions): Promise<number> {
  const server = options.server ?? io.env?.['CRM_POLICY_SERVER'];
  if (!server) throw new UsageError('Give the server: --server http://host:port (or CRM_POLICY_SERVER)');
  const key = io.env?.['CRM_POLICY_API_KEY'];
  const token = io.env?.['CRM_POLICY_TOKEN'];
  if (!key && !token) throw new UsageError('Set CRM_POLICY_API_KEY (an admin API key) or CRM_POLICY_TOKEN to sign in');
  const unknown = policies.filter((p) => !POLICY_KINDS.includes(p as PolicyKind));
  if (unknown.length > 0) throw new UsageError(`Unknown policy ${unknown.join(', ')}; expected ${POLICY_KINDS.join(', ')}`);
  const dir = resolve(io.cwd, options.rules ?? 'rules');
  await mkdir(dir, { recursive: true });
  for (const policy of policies.length > 0 ? policies : POLICY_KINDS) {
    const url = new URL(`/api/policies/${policy}/versions/published`, server);
    let response: Response;
    try {
      response = await fetch(url, { headers: key ? { 'x-api-key': key } : { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new UsageError(`Cannot reach ${url.origin}: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as { file?: unknown; version?: string; error?: { message?: string } };
    if (!response.ok || !body.file) throw new UsageError(`${url.pathname}: ${response.status} ${body.error?.message ?? 'no rule file in the answer'}`);
    const path = join(dir, `${policy}.json`);
    const shown = relative(io.cwd, path).startsWith('..') ? path : relative(io.cwd, path);
    // A file that already says the same is left byte for byte as it is (its layout, `1.0`, its last newline), so exporting what is committed changes nothing.
    if (isDeepStrictEqual(await currentContent(path), body.file)) {
      io.out(`unchanged ${shown} (${policy} ${body.version})`);
      continue;
    }
    await writeFile(path, `${JSON.stringify(body.file, null, 2)}\n`);
    io.out(`wrote ${shown} (${policy} ${body.version})`);
  }
  return 0;
}

/** The parsed content of a rule file already in the folder, or undefined when there is none (or it is not JSON). */
async function currentContent(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
