import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A crm-policy server started for a docs page, as `npm start` starts it, on a port and data folder of its own. */
export interface DocsServer {
  port: number;
  url: string;
  /** Everything it printed (its start notice, its logs), for a failure's message. */
  output(): string;
  /** SIGTERM, and waits for it to exit (it flushes the store and frees the data folder). */
  stop(): Promise<void>;
}

/**
 * A port nothing listens on, below the range the kernel hands out for port 0 and outgoing
 * connections (32768 and up on Linux): between this probe and the server's start, a test
 * file running beside this one could be handed a port from that range, never this one.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const probe = createServer();
    const free = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => probe.close(resolve));
      return port;
    }
  }
}

/**
 * Starts `packages/server/bin/crm-policy-server.js` of `root` (what `npm start` runs) in `cwd` with
 * `env` and a free PORT, after `npm run seed:demo`'s script when `seedDemo`; resolves once
 * `GET /api/health` answers 200.
 */
export async function startDocsServer(root: string, cwd: string, env: NodeJS.ProcessEnv, options: { seedDemo?: boolean } = {}): Promise<DocsServer> {
  if (options.seedDemo) {
    const seeded = spawnSync(process.execPath, [join(root, 'packages/server/dist/seedDemo.js')], { cwd, env, encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`npm run seed:demo failed (${seeded.status}):\n${seeded.stdout}${seeded.stderr}`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(root, 'packages/server/bin/crm-policy-server.js')], { cwd, env: { ...env, PORT: String(port) } });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://localhost:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped (${child.exitCode}) before it answered:\n${printed}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer within 30 s:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    port,
    url,
    output: () => printed,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
