import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadTemplates } from '../../src/main.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import type { Store } from '../../src/store/collection.js';
import { HASHED_FILE_CACHE } from '../../src/http/webAppFiles.js';
import { ADMIN_PASSWORD, shippedPolicies } from '../testApp.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const SCRIPT = `console.log(${JSON.stringify('客户'.repeat(2000))});`;
const PAGE = `<!doctype html><title>crm</title><div id="root"></div><script src="/assets/main-Ab12Cd34.js"></script>${' '.repeat(2000)}`;
let store: Store;
let http: ReturnType<typeof request>;

/** A build as vite writes it: each file next to its `.br` and `.gz`. */
function writeBuild(dir: string, name: string, text: string) {
  writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, `${name}.br`), brotliCompressSync(text));
  writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
}

beforeAll(async () => {
  const ui = mkdtempSync(join(tmpdir(), 'crm-policy-ui-'));
  mkdirSync(join(ui, 'assets'));
  writeBuild(ui, 'index.html', PAGE);
  writeBuild(ui, 'embed.html', PAGE.replace('root', 'embed'));
  writeBuild(join(ui, 'assets'), 'main-Ab12Cd34.js', SCRIPT);
  store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-web-app-')));
  const created = await createApp({
    store,
    policies: await shippedPolicies(),
    templates: loadTemplates(join(ROOT, 'schemas/templates')),
    config: { tokenSecret: 'a-test-secret-that-is-long-enough-1234', adminPassword: ADMIN_PASSWORD, uiDir: ui },
  });
  http = request(created.app);
});
afterAll(async () => {
  await store.close();
});

describe("the web app's files", () => {
  it('are sent as brotli to browsers that take it, gzip to those that take only gzip, plain to the rest', async () => {
    const brotli = await http.get('/assets/main-Ab12Cd34.js').set('accept-encoding', 'gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(Number(brotli.headers['content-length'])).toBe(brotliCompressSync(SCRIPT).length);
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers['vary']).toMatch(/accept-encoding/i);
    const gzip = await http.get('/assets/main-Ab12Cd34.js').set('accept-encoding', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(SCRIPT);
    const plain = await http.get('/assets/main-Ab12Cd34.js').set('accept-encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
  });

  it('are kept for a year, unrevalidated, when their name carries a hash; the pages are revalidated on every load', async () => {
    expect((await http.get('/assets/main-Ab12Cd34.js').set('accept-encoding', 'br')).headers['cache-control']).toBe(HASHED_FILE_CACHE);
    for (const path of ['/', '/customers/mine', '/index.html', '/embed/register?industry=software']) {
      const response = await http.get(path).set('accept-encoding', 'gzip, br');
      expect(response.status, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-cache');
      expect(response.headers['content-encoding'], path).toBe('br');
      expect(response.headers['content-type'], path).toMatch(/text\/html/);
    }
    const embed = await http.get('/embed/register').set('accept-encoding', 'gzip');
    expect(embed.text).toContain('id="embed"');
  });

  it('never stand in for an API route', async () => {
    const missing = await http.get('/api/no-such-route').set('accept-encoding', 'br');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
  });
});
