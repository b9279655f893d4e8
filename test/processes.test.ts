import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Two server processes on one embedded data folder: the second refuses to start, saying why; once the first stops, it starts.
const SERVER = fileURLToPath(new URL('../packages/server/bin/crm-policy-server.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'crm-policy-two-processes-'));
const started: ChildProcess[] = [];
// Three ports of their own, away from the other suites' (which listen on port 0).
const BASE = 30_000 + Math.floor(Math.random() * 20_000);

function start(port: number): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), MONGODB_URI: '', ADMIN_PASSWORD: 'two-processes-admin', CRM_POLICY_SECRET: 'a-secret-for-the-two-process-test-0123' }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

async function listening(server: ReturnType<typeof start>): Promise<void> {
  for (let waited = 0; !server.output().includes('is listening'); waited += 100) {
    if (waited > 30_000) throw new Error(`the server did not start:\n${server.output()}`);
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('several server processes on the embedded store', () => {
  it('refuses a second process on the same data folder with a clear message, and lets it start once the first has stopped', async () => {
    const first = start(BASE);
    await listening(first);
    const second = start(BASE + 1);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`The data folder ${dataDir} is in use by process ${first.child.pid}`);
    // The first still answers: the refusal touched nothing.
    expect((await fetch(`http://127.0.0.1:${BASE}/api/health`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const third = start(BASE + 2);
    await listening(third);
    expect((await fetch(`http://127.0.0.1:${BASE + 2}/api/health`)).status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 90_000);
});
