import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, EmbeddedStore, loadPolicies, loadTemplates, memoryLogger } from '@crm-policy/server';
import type { CreatedApp, Store } from '@crm-policy/server';

// An admin publishes a rule change through the API, then keeps it in git with `crm-policy export`.
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'packages/engine/bin/crm-policy.js');

let store: Store;
let created: CreatedApp;
let server: ReturnType<CreatedApp['app']['listen']>;
let url = '';
let key = '';

beforeAll(async () => {
  store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-export-')));
  created = await createApp({ store, policies: await loadPolicies(join(ROOT, 'rules')), templates: loadTemplates(join(ROOT, 'schemas/templates')), logger: memoryLogger(), config: { tokenSecret: 'an-export-test-secret-that-is-long-enough', adminPassword: 'export-admin-password' } });
  await new Promise<void>((resolve) => (server = created.app.listen(0, '127.0.0.1', () => resolve())));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await request(created.app).post('/api/auth/login').send({ username: 'admin', password: 'export-admin-password' });
  const made = await request(created.app).post('/api/api-keys').set('authorization', `Bearer ${login.body.token}`).send({ name: 'export', role: 'admin' });
  key = made.body.key;
  const file = JSON.parse(readFileSync(join(ROOT, 'rules/credit-risk.json'), 'utf8'));
  file.version = '1.2.0';
  file.rules.find((r: { name: string }) => r.name === 'medium-risk').event.params.reviewMonths = 9;
  file.tests = file.tests.filter((t: { expect: { outcome?: { params?: { tier?: string } } } }) => t.expect.outcome?.params?.tier !== 'medium');
  const admin = `Bearer ${login.body.token}`;
  expect((await request(created.app).put('/api/policies/credit-risk/draft').set('authorization', admin).send({ file, comment: 'review medium risk every 9 months' })).status).toBe(200);
  expect((await request(created.app).post('/api/policies/credit-risk/publish').set('authorization', admin).send({ comment: 'approved by finance' })).status).toBe(200);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

function crmPolicy(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('crm-policy export', () => {
  it('writes the published versions into a rules folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-exported-'));
    const result = await crmPolicy(['export', '--server', url, '--rules', dir], { CRM_POLICY_API_KEY: key });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('(credit-risk 1.2.0)');
    const exported = JSON.parse(readFileSync(join(dir, 'credit-risk.json'), 'utf8'));
    expect(exported.version).toBe('1.2.0');
    expect(exported.rules.find((r: { name: string }) => r.name === 'medium-risk').event.params.reviewMonths).toBe(9);
    expect(JSON.parse(readFileSync(join(dir, 'assignment.json'), 'utf8')).version).toBe(JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8')).version);
    // The exported folder is a valid rules folder.
    const validated = await crmPolicy(['validate', '--rules', dir], {});
    expect(validated.code, validated.out + validated.err).toBe(0);
  });

  it('leaves a committed file that says the same byte for byte as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-exported-'));
    for (const name of ['assignment.json', 'claim-eligibility.json']) copyFileSync(join(ROOT, 'rules', name), join(dir, name));
    const result = await crmPolicy(['export', '--server', url, '--rules', dir], { CRM_POLICY_API_KEY: key });
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^unchanged .*claim-eligibility\.json \(claim-eligibility /m);
    expect(result.out).toMatch(/^wrote .*credit-risk\.json \(credit-risk 1\.2\.0\)/m);
    // The committed claim-eligibility file ends without a newline: an export must not add one, nor re-indent anything.
    for (const name of ['assignment.json', 'claim-eligibility.json']) expect(readFileSync(join(dir, name), 'utf8')).toBe(readFileSync(join(ROOT, 'rules', name), 'utf8'));
  });

  it('exits 2 with the reason when it cannot sign in or reach the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-exported-'));
    const denied = await crmPolicy(['export', '--server', url, '--rules', dir], { CRM_POLICY_API_KEY: 'wrong' });
    expect(denied.code).toBe(2);
    expect(denied.err).toMatch(/401/);
    const missing = await crmPolicy(['export', '--server', url, '--rules', dir], {});
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/CRM_POLICY_API_KEY/);
  });
});
