import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { createApp, EmbeddedStore, loadPolicies, loadTemplates, memoryLogger } from '@crm-policy/server';
import type { CreatedApp, Store } from '@crm-policy/server';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UI = join(ROOT, 'packages/admin-ui/dist');
/** Screenshots of each journey, kept as test artifacts. */
export const ARTIFACTS = join(ROOT, 'test-artifacts/browser');

/** A system Chromium (CHROMIUM_PATH, or Debian's), or why the browser suite cannot run. */
export function chromiumPath(): { path?: string; reason?: string } {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) return { reason: 'no Chromium found (set CHROMIUM_PATH, or apt-get install -y chromium): the browser journeys are skipped' };
  if (!existsSync(join(UI, 'index.html'))) return { reason: 'the web app is not built (npm run build): the browser journeys are skipped' };
  return { path };
}

export interface Harness {
  url: string;
  browser: Browser;
  created: CreatedApp;
  admin: ReturnType<typeof request.agent> extends never ? never : string;
  /** Creates a user whose password is `<username>-password`; answers their id. */
  user(username: string, role: 'rep' | 'manager', teams: string[], displayName: string): Promise<string>;
  team(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A real server on the embedded store serving the built web app, and a headless Chromium. */
export async function startHarness(executablePath: string): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const store: Store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-browser-')));
  const created = await createApp({
    store,
    policies: await loadPolicies(join(ROOT, 'rules')),
    templates: loadTemplates(join(ROOT, 'schemas/templates')),
    logger: memoryLogger(),
    config: { tokenSecret: 'a-browser-test-secret-that-is-long-enough', adminPassword: 'browser-admin-password', uiDir: UI },
  });
  const server = await new Promise<ReturnType<CreatedApp['app']['listen']>>((resolve) => {
    const listening = created.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await request(created.app).post('/api/auth/login').send({ username: 'admin', password: 'browser-admin-password' });
  const admin = `Bearer ${login.body.token as string}`;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    url,
    browser,
    created,
    admin,
    async team(name) {
      return (await request(created.app).post('/api/teams').set('authorization', admin).send({ name })).body._id as string;
    },
    async user(username, role, teams, displayName) {
      const made = await request(created.app).post('/api/users').set('authorization', admin).send({ username, password: `${username}-password`, displayName, role, teams });
      if (made.status !== 201) throw new Error(JSON.stringify(made.body));
      return made.body._id as string;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}
