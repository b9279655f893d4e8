import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Real server processes: on one embedded data folder (the second refuses to start), and on one MongoDB (they share the work).
const SERVER = fileURLToPath(new URL('../packages/server/bin/crm-policy-server.js', import.meta.url));
const MONGODB_URI = process.env['MONGODB_URI'];
if (!MONGODB_URI) console.log('several processes on MongoDB: skipped: set MONGODB_URI to run two servers on one MongoDB');
const dirs: string[] = [];
const started: ChildProcess[] = [];
// Ports of their own, below the range the kernel hands out for port 0 and outgoing connections (32768 and up on
// Linux), so neither another suite's servers nor any connection running beside this file can hold them.
let nextPort = 20_000 + Math.floor(Math.random() * 12_000);
const ADMIN_PASSWORD = 'several-processes-admin';

interface Running {
  child: ChildProcess;
  port: number;
  output(): string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  const port = nextPort++;
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, MONGODB_URI: '', PORT: String(port), ADMIN_PASSWORD, CRM_POLICY_SECRET: 'a-secret-for-the-process-tests-0123456789', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => text, exited };
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-policy-processes-'));
  dirs.push(dir);
  return dir;
}

async function listening(server: Running): Promise<void> {
  for (let waited = 0; !server.output().includes('is listening'); waited += 100) {
    if (waited > 30_000) throw new Error(`the server did not start:\n${server.output()}`);
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const url = (server: Running, path: string) => `http://127.0.0.1:${server.port}${path}`;

async function call(server: Running, method: string, path: string, auth?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const response = await fetch(url(server, path), { method, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (the metrics).
  }
  return { status: response.status, body: parsed, text };
}

async function login(server: Running, username: string, password: string): Promise<string> {
  const response = await call(server, 'POST', '/api/auth/login', undefined, { username, password });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.text}`);
  return `Bearer ${String(response.body['token'])}`;
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('several server processes on the embedded store', () => {
  it('refuses a second process on the same data folder with a clear message, and lets it start once the first has stopped', async () => {
    const dir = dataDir();
    const first = start({ DATA_DIR: dir });
    await listening(first);
    const second = start({ DATA_DIR: dir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`The data folder ${dir} is in use by process ${first.child.pid}`);
    // The first still answers: the refusal touched nothing.
    expect((await fetch(url(first, '/api/health'))).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const third = start({ DATA_DIR: dir });
    await listening(third);
    expect((await fetch(url(third, '/api/health'))).status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 90_000);

  it('stops gracefully: a request in flight at SIGTERM is answered and its write kept, new connections are refused, and the process exits 0', async () => {
    const dir = dataDir();
    const server = start({ DATA_DIR: dir });
    await listening(server);
    const admin = await login(server, 'admin', ADMIN_PASSWORD);
    const body = JSON.stringify({ name: '华南渠道' });
    // A request whose body is only half sent when the signal comes.
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const bytes = Buffer.from(body);
    socket.write(`POST /api/teams HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: ${admin}\r\ncontent-type: application/json\r\ncontent-length: ${bytes.length}\r\n\r\n`);
    socket.write(bytes.subarray(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 200));

    server.child.kill('SIGTERM');
    // New connections are refused once the signal is handled (polled: a loaded machine may take a while to deliver it).
    await expect.poll(() => fetch(url(server, '/api/health')).then(() => 'answered', () => 'refused'), { timeout: 10_000 }).toBe('refused');
    socket.write(bytes.subarray(5));
    // Answered, then the connection is closed (a keep-alive client reconnects elsewhere).
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');

    // The write acknowledged during the shutdown is there after a restart.
    const again = start({ DATA_DIR: dir });
    await listening(again);
    const teams = await call(again, 'GET', '/api/teams', await login(again, 'admin', ADMIN_PASSWORD));
    expect((teams.body['teams'] as Array<{ name: string }>).map((team) => team.name)).toContain('华南渠道');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 90_000);
});

/** A metric's value from Prometheus's text format (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe.skipIf(!MONGODB_URI)('several server processes on one MongoDB', () => {
  it('share the work: one holder per customer under load on both, each job on one process, a publish in force everywhere within a second', async () => {
    const database = new URL(MONGODB_URI!);
    database.pathname = `/crm_policy_processes_${process.pid}_${Date.now()}`;
    const env = { MONGODB_URI: database.toString(), DATA_DIR: dataDir() };
    const a = start(env);
    await listening(a);
    const b = start(env);
    await listening(b);
    const admin = await login(a, 'admin', ADMIN_PASSWORD);
    const team = await call(a, 'POST', '/api/teams', admin, { name: '华南' });
    const reps: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      await call(a, 'POST', '/api/users', admin, { username: `rep${i}`, password: `rep${i}-password`, displayName: `Rep ${i}`, role: 'rep', teams: [team.body['_id']] });
      reps.push(await login(i % 2 ? b : a, `rep${i}`, `rep${i}-password`));
    }
    // The same company under other spellings, registered at once through both processes.
    const names = ['深圳市腾飞科技有限公司', '腾飞科技（深圳）有限公司', '深圳腾飞科技有限公司'];
    const answers = await Promise.all(
      reps.flatMap((auth, i) =>
        names.map((companyName) =>
          call(i % 2 ? b : a, 'POST', '/api/registrations', auth, { industry: 'software', customer: { companyName, region: '440305', contactName: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas' } }),
        ),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    expect(answers.every((answer) => answer.status === 201 || answer.status === 409)).toBe(true);

    // Jobs: after a few ticks, event delivery has run on one process only; the other skipped it.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const [ma, mb] = await Promise.all([call(a, 'GET', '/metrics', admin), call(b, 'GET', '/metrics', admin)]);
    const ran = [ma, mb].map((m) => sample(m.text, 'crm_policy_job_runs_total', { job: 'event-delivery', outcome: 'ok' }));
    expect(ran.filter((count) => count > 0)).toHaveLength(1);
    expect([ma, mb].map((m) => sample(m.text, 'crm_policy_job_runs_total', { job: 'event-delivery', outcome: 'skipped' })).some((count) => count > 0)).toBe(true);

    // A version published on A decides on B within a second.
    const versions = await call(a, 'GET', '/api/policies/claim-eligibility/versions', admin);
    const inForce = (versions.body['versions'] as Array<{ _id: string; status: string }>).find((version) => version.status === 'published')!;
    const current = await call(a, 'GET', `/api/policies/claim-eligibility/versions/${inForce._id}`, admin);
    const saved = await call(a, 'PUT', '/api/policies/claim-eligibility/draft', admin, { file: { ...(current.body['file'] as object), version: '9.9.9' }, comment: 'processes test' });
    expect(saved.status, saved.text).toBe(200);
    const published = await call(a, 'POST', '/api/policies/claim-eligibility/publish', admin, { comment: 'processes test' });
    expect(published.status, published.text).toBe(200);
    const at = Date.now();
    let seen = '';
    while (Date.now() - at < 1_500 && !seen.includes('version="9.9.9"')) {
      seen = (await call(b, 'GET', '/metrics', admin)).text.split('\n').find((line) => line.startsWith('crm_policy_policy_version_info{policy="claim-eligibility"')) ?? '';
    }
    expect(seen).toContain('version="9.9.9"');
    expect(Date.now() - at).toBeLessThan(1_500);

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  }, 120_000);
});
