import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadTemplates } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import type { Store } from '../../src/store/collection.js';
import { ADMIN_PASSWORD, shippedPolicies } from '../testApp.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
let store: Store;
let http: ReturnType<typeof request>;

/** Each directive of a Content-Security-Policy header, by name. */
function directives(header: string | undefined): Record<string, string> {
  return Object.fromEntries((header ?? '').split(';').map((part) => part.trim().split(/\s+/)).filter((words) => words[0]).map(([name, ...values]) => [name!, values.join(' ')]));
}

beforeAll(async () => {
  const ui = mkdtempSync(join(tmpdir(), 'crm-policy-ui-'));
  writeFileSync(join(ui, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(ui, 'embed.html'), '<!doctype html><div id="embed"></div>');
  store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-headers-')));
  const created = await createApp({
    store,
    policies: await shippedPolicies(),
    templates: loadTemplates(join(ROOT, 'schemas/templates')),
    config: { tokenSecret: 'a-test-secret-that-is-long-enough-1234', adminPassword: ADMIN_PASSWORD, uiDir: ui, trustProxy: 'loopback' },
  });
  http = request(created.app);
});
afterAll(async () => {
  await store.close();
});

describe('security headers', () => {
  it('give the web app and the API a strict policy: scripts only from the app’s own files, no framing by others', async () => {
    for (const path of ['/', '/customers/mine', '/api/health', '/api/no-such-route']) {
      const response = await http.get(path);
      const csp = directives(response.headers['content-security-policy']);
      expect(csp['script-src'], path).toBe("'self' 'unsafe-eval'");
      expect(csp['default-src'], path).toBe("'self'");
      expect(csp['object-src'], path).toBe("'none'");
      expect(csp['frame-ancestors'], path).toBe("'self'");
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['referrer-policy'], path).toBe('no-referrer');
      expect(response.headers['strict-transport-security'], path).toBeUndefined();
      expect(response.headers['x-powered-by'], path).toBeUndefined();
    }
  });

  it('let the embeddable form be framed by the origins of active API keys only', async () => {
    const admin = `Bearer ${(await http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD })).body.token}`;
    expect(directives((await http.get('/embed/register')).headers['content-security-policy'])['frame-ancestors']).toBe("'self'");
    const key = await http.post('/api/api-keys').set('authorization', admin).send({ name: 'crm host', role: 'rep', origins: ['https://crm.example.com'] });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    const embed = directives((await http.get('/embed/register?industry=software')).headers['content-security-policy']);
    expect(embed['frame-ancestors']).toBe("'self' https://crm.example.com");
    expect(embed['script-src']).toBe("'self' 'unsafe-eval'");
    // The rest of the app is still framed by itself alone.
    expect(directives((await http.get('/')).headers['content-security-policy'])['frame-ancestors']).toBe("'self'");
  });

  it('send HSTS only on requests that came over TLS', async () => {
    // Behind a proxy the app trusts (TRUST_PROXY, here loopback), X-Forwarded-Proto tells it the request was TLS.
    const tls = await http.get('/api/health').set('x-forwarded-proto', 'https');
    expect(tls.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    const plain = await http.get('/api/health');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});
