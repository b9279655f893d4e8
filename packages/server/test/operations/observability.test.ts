import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { memoryLogger, pinoLogger } from '../../src/logger.js';
import { createTestApp, shippedPolicies, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { loadTemplates } from '../../src/main.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((t) => t.store.close()));
});

/** A metric's value in Prometheus's text format, or 0 when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('operations', () => {
  it('serves Prometheus metrics to an admin or the metrics token, counting requests, decisions and duplicate verdicts', async () => {
    const t = await createTestApp();
    apps.push(t);
    const team = await t.team('华南');
    const rep = await t.user('li.lei', 'rep', [team]);
    expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳市腾飞科技有限公司'))).status).toBe(201);
    expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('腾飞科技（深圳）有限公司'))).status).toBe(409);

    expect((await t.http.get('/metrics')).status).toBe(401);
    const forbidden = await t.http.get('/metrics').set('authorization', rep.auth);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    const response = await t.http.get('/metrics').set('authorization', t.admin);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(sample(text, 'crm_policy_http_requests_total', { method: 'POST', route: '/api/registrations', status: '201' })).toBe(1);
    expect(sample(text, 'crm_policy_http_requests_total', { method: 'POST', route: '/api/registrations', status: '409' })).toBe(1);
    expect(sample(text, 'crm_policy_http_request_duration_seconds_count', { method: 'POST', route: '/api/registrations' })).toBe(2);
    expect(sample(text, 'crm_policy_decisions_total', { policy: 'claim-eligibility', outcome: 'eligible' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'crm_policy_duplicate_verdicts_total', { verdict: 'none' })).toBe(1);
    expect(sample(text, 'crm_policy_duplicate_verdicts_total', { verdict: 'duplicate' })).toBe(1);
  });

  it('tells an admin, and nobody else, how big the store is: in GET /api/health and in the metrics', async () => {
    const t = await createTestApp();
    apps.push(t);
    const team = await t.team('华南');
    const rep = await t.user('han.mei', 'rep', [team]);
    expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳市星河科技有限公司'))).status).toBe(201);
    if (!(t.store instanceof EmbeddedStore)) throw new Error('the test app runs on the embedded store');
    await t.store.checkpoint();

    const anonymous = await t.http.get('/api/health');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'ok', store: { kind: 'embedded', ok: true } });
    const asRep = await t.http.get('/api/health').set('authorization', rep.auth);
    expect(asRep.body.store.detail).toBeUndefined();
    expect(asRep.body.memory).toBeUndefined();

    const asAdmin = await t.http.get('/api/health').set('authorization', t.admin);
    expect(asAdmin.status).toBe(200);
    const { detail } = asAdmin.body.store;
    expect(detail.collections.customers).toBe(1);
    expect(detail.collections.claims).toBe(1);
    expect(detail.bytesOnDisk.snapshot).toBeGreaterThan(1000);
    expect(detail.lastCheckpoint).toMatchObject({ generation: expect.any(Number), at: expect.any(String), bytes: detail.bytesOnDisk.snapshot });
    expect(asAdmin.body.memory.heapUsedBytes).toBeGreaterThan(0);

    const text = (await t.http.get('/metrics').set('authorization', t.admin)).text;
    expect(sample(text, 'crm_policy_store_documents', { collection: 'customers' })).toBe(1);
    expect(sample(text, 'crm_policy_store_disk_bytes', { file: 'snapshot' })).toBe(detail.bytesOnDisk.snapshot);
    expect(Number(/^crm_policy_store_last_checkpoint_seconds (\S+)$/m.exec(text)?.[1])).toBe(Date.parse(detail.lastCheckpoint.at) / 1000);
  });

  it('reads metrics with METRICS_TOKEN and nothing else', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-ops-')));
    try {
      const { app } = await createApp({ store, logger: memoryLogger(), policies: await shippedPolicies(), templates: loadTemplates(join(ROOT, 'schemas/templates')), config: { tokenSecret: 'a-test-secret-that-is-long-enough-1234', adminPassword: 'pw-for-tests-123', metricsToken: 'scrape-token-0123456789' } });
      expect((await request(app).get('/metrics').set('authorization', 'Bearer scrape-token-0123456789')).status).toBe(200);
      expect((await request(app).get('/metrics').set('authorization', 'Bearer scrape-token-012345678X')).status).toBe(401);
    } finally {
      await store.close();
    }
  });

  it('logs each request as a JSON line with its id, echoing a caller’s id and making one otherwise', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-ops-')));
    try {
      const logger = pinoLogger(pino({ level: 'info' }, sink));
      const { app } = await createApp({ store, logger, policies: await shippedPolicies(), templates: loadTemplates(join(ROOT, 'schemas/templates')), config: { tokenSecret: 'a-test-secret-that-is-long-enough-1234', adminPassword: 'pw-for-tests-123' } });
      const given = await request(app).get('/api/health').set('x-request-id', 'lb-7f3a');
      expect(given.headers['x-request-id']).toBe('lb-7f3a');
      const made = await request(app).post('/api/auth/login').send({ username: 'admin', password: 'wrong-password' });
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      // A header that does not look like an id is replaced, not logged.
      const odd = await request(app).get('/api/health').set('x-request-id', 'a b\u00e9');
      expect(odd.headers['x-request-id']).not.toBe('a b\u00e9');

      const logged = (id: string) => lines.find((line) => (line['req'] as { id?: string } | undefined)?.id === id);
      expect(logged('lb-7f3a')).toMatchObject({ level: 30, req: { method: 'GET', url: '/api/health' }, res: { statusCode: 200 } });
      const failed = logged(made.headers['x-request-id'] as string);
      expect(failed).toMatchObject({ level: 40, req: { method: 'POST', url: '/api/auth/login' }, res: { statusCode: 401 } });
      // Bodies and credentials are never logged.
      expect(JSON.stringify(lines)).not.toContain('wrong-password');
    } finally {
      await store.close();
    }
  });
});
