import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository's root: the built server, its rules and form templates. */
export const REPO = resolve(__dirname, '../../..');
const ADMIN_PASSWORD = 'nocobase-plugin-test-admin';

/** A real crm-policy server on a fresh embedded store, listening on 127.0.0.1, with an admin session for setting it up. */
export interface CrmPolicyServer {
  url: string;
  /** Calls the server as its admin. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { claims?: Array<Record<string, unknown>> } }>;
  team(name: string): Promise<string>;
  rep(username: string, displayName: string, teams: string[]): Promise<string>;
  /** A registrar key, as the plugin's settings hold it. */
  registrarKey(): Promise<string>;
  /** Stops listening (the server is then down) and removes its data. */
  close(): Promise<void>;
}

/** Starts the built server (`packages/server/dist`, made by the root `npm ci`). */
export async function startCrmPolicyServer(): Promise<CrmPolicyServer> {
  const server = await import(pathToFileURL(join(REPO, 'packages/server/dist/index.js')).href);
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-policy-nocobase-'));
  const store = await server.EmbeddedStore.open(dataDir);
  const created = await server.createApp({
    store,
    policies: await server.loadPolicies(join(REPO, 'rules')),
    templates: server.loadTemplates(join(REPO, 'schemas/templates')),
    logger: server.memoryLogger(),
    config: { tokenSecret: 'a-nocobase-plugin-test-secret-long-enough', adminPassword: ADMIN_PASSWORD },
  });
  const listening: Server = await new Promise((done) => {
    const http = created.app.listen(0, '127.0.0.1', () => done(http));
  });
  const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: unknown, auth?: string) => {
    const response = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };
  const login = await call('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const auth = `Bearer ${login.body.token as string}`;
  const admin = (method: string, path: string, body?: unknown) => call(method, path, body, auth);
  const made = async (method: string, path: string, body: unknown) => {
    const answer = await admin(method, path, body);
    if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return {
    url,
    admin,
    async team(name) {
      return (await made('POST', '/api/teams', { name }))._id as string;
    },
    async rep(username, displayName, teams) {
      return (await made('POST', '/api/users', { username, password: `${username}-password-1`, displayName, role: 'rep', teams }))._id as string;
    },
    async registrarKey() {
      return (await made('POST', '/api/api-keys', { name: 'NocoBase', role: 'rep', registrar: true })).key as string;
    },
    async close() {
      if (listening.listening) await new Promise((done) => listening.close(done));
      await store.close?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
