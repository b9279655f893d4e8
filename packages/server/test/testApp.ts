import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import type { Policy, PolicyKind } from '@crm-policy/engine';
import { createPolicy } from '@crm-policy/engine';
import { readFileSync } from 'node:fs';
import { createApp } from '../src/app.js';
import type { AppOptions, CreatedApp } from '../src/app.js';
import type { Role } from '../src/auth/principal.js';
import type { DispatcherOptions } from '../src/domain/events/webhookDispatcher.js';
import type { OutboundOptions } from '../src/outbound/outboundGuard.js';
import { memoryLogger } from '../src/logger.js';
import { loadTemplates } from '../src/main.js';
import { EmbeddedStore } from '../src/store/embedded/embeddedStore.js';
import type { Store } from '../src/store/collection.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const ADMIN_PASSWORD = 'admin-password-for-tests';

let policies: Promise<Record<PolicyKind, Policy>> | undefined;

/** The shipped policies, loaded once per test file. */
export function shippedPolicies(): Promise<Record<PolicyKind, Policy>> {
  policies ??= (async () => {
    const entries = await Promise.all(
      (['assignment', 'claim-eligibility', 'credit-risk'] as const).map(async (kind) => {
        const file = JSON.parse(readFileSync(join(ROOT, 'rules', `${kind}.json`), 'utf8'));
        return [kind, await createPolicy(file, { verify: false })] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<PolicyKind, Policy>;
  })();
  return policies;
}

export interface TestApp extends CreatedApp {
  store: Store;
  clock: { now: Date };
  logger: ReturnType<typeof memoryLogger>;
  http: ReturnType<typeof request>;
  /** Signs in and returns the Authorization header value. */
  login(username: string, password: string): Promise<string>;
  admin: string;
  /** Creates a team, returning its id. */
  team(name: string): Promise<string>;
  /** Creates a user and signs them in. */
  user(username: string, role: Role, teams: string[], displayName?: string): Promise<{ id: string; auth: string }>;
}

/** Webhook receivers in tests listen on 127.0.0.1, which the outbound rule refuses unless allow-listed. */
export const TEST_OUTBOUND: OutboundOptions = { allow: ['127.0.0.1'] };

/** A fresh app on a fresh embedded store, with a clock tests can move. */
export async function createTestApp(
  options: {
    store?: Store;
    webhooks?: DispatcherOptions;
    outbound?: OutboundOptions;
    dataKey?: string;
    credit?: NonNullable<AppOptions['config']['credit']>;
    /** Policies in place of the shipped ones. */
    policies?: Partial<Record<PolicyKind, Policy>>;
    config?: Pick<AppOptions['config'], 'uploadDir' | 'imports' | 'dashboardCacheMs' | 'signIn' | 'passwordChecks' | 'trustProxy' | 'exportDir'>;
  } = {},
): Promise<TestApp> {
  const store = options.store ?? (await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-app-'))));
  const clock = { now: new Date('2026-11-23T08:00:00.000Z') };
  const logger = memoryLogger();
  const created = await createApp({
    store,
    policies: { ...(await shippedPolicies()), ...options.policies },
    templates: loadTemplates(join(ROOT, 'schemas/templates')),
    clock: () => clock.now,
    logger,
    config: {
      tokenSecret: 'a-test-secret-that-is-long-enough-1234',
      adminPassword: ADMIN_PASSWORD,
      outbound: options.outbound ?? TEST_OUTBOUND,
      dataKey: options.dataKey,
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
      ...(options.credit ? { credit: options.credit } : {}),
      // Made only when an export is written: never the repository's own ./exports.
      exportDir: join(tmpdir(), 'crm-policy-test-exports'),
      ...options.config,
    },
  });
  const http = request(created.app);
  const login = async (username: string, password: string) => {
    const response = await http.post('/api/auth/login').send({ username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    return `Bearer ${response.body.token as string}`;
  };
  const admin = await login('admin', ADMIN_PASSWORD);
  // team() and user() sign with the admin token the test holds now (a test may sign the admin in again).
  const testApp: TestApp = {
    ...created,
    store,
    clock,
    logger,
    http,
    login,
    admin,
    async team(name) {
      const response = await http.post('/api/teams').set('authorization', testApp.admin).send({ name });
      return response.body._id as string;
    },
    async user(username, role, teams, displayName = username) {
      const password = `${username}-password`;
      const response = await http.post('/api/users').set('authorization', testApp.admin).send({ username, password, displayName, role, teams });
      if (response.status !== 201) throw new Error(`create ${username}: ${JSON.stringify(response.body)}`);
      return { id: response.body._id as string, auth: await login(username, password) };
    },
  };
  return testApp;
}

/** A valid software-industry registration for a company name. */
export function softwareCustomer(companyName: string, extra: Record<string, unknown> = {}) {
  return {
    industry: 'software',
    customer: { companyName, region: '440305', contactName: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas', ...extra },
  };
}
