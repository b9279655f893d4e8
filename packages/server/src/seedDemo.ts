import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Policy, PolicyKind } from '@crm-policy/engine';
import { createApp } from './app.js';
import { firstAdminNotice } from './auth/firstAdminNotice.js';
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERNAMES, loadDemoOrganisation } from './demo/demoOrganisation.js';
import { loadPolicies, loadTemplates } from './main.js';
import { openStore } from './store/openStore.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the seed reads its settings and writes what it tells the user. */
export interface SeedDemoOptions {
  /** DATA_DIR, MONGODB_URI, ADMIN_PASSWORD (default: the process's environment). */
  env?: NodeJS.ProcessEnv;
  /** Standard output (default: the process's). */
  out?: (text: string) => void;
  /** Customers each rep registers (default: the demo organisation's own number). */
  customersPerRep?: number;
  /** The policies in force (default: the repository's rules/ folder). */
  policies?: Record<PolicyKind, Policy>;
}

/**
 * Loads the demo organisation (`loadDemoOrganisation`) into the store of
 * DATA_DIR or MONGODB_URI, once. On an empty store without ADMIN_PASSWORD it
 * prints the first admin's made-up password, as `npm start` does.
 */
export async function seedDemo(options: SeedDemoOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const store = await openStore({ mongodbUri: env['MONGODB_URI'], dataDir: resolve(env['DATA_DIR'] ?? 'data') });
  try {
    const { services, generatedAdminPassword } = await createApp({
      store,
      policies: options.policies ?? (await loadPolicies(join(REPOSITORY, 'rules'))),
      templates: loadTemplates(join(REPOSITORY, 'schemas/templates')),
      config: { tokenSecret: randomBytes(32).toString('hex'), adminPassword: env['ADMIN_PASSWORD'] },
      logger: { info: () => {}, warn: () => {}, error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) },
    });
    if (generatedAdminPassword) out(firstAdminNotice(generatedAdminPassword));
    const markers = store.collection('settings');
    if (await markers.findOne({ _id: 'demo-seed' })) {
      out('The demo organisation is already loaded.\n');
      return;
    }
    const taken = await services.users.users.find({ username: { $in: [...DEMO_USERNAMES] } }, { projection: { username: 1 } });
    if (taken.length > 0 || (await services.users.teams.countDocuments({ name: { $in: DEMO_TEAMS.map((t) => t.name) } })) > 0) {
      throw new Error(`this store already has users or teams the demo would create (${taken.map((u) => u.username).join(', ') || 'teams'}); seed an empty store (DATA_DIR=demo-data npm run seed:demo)`);
    }
    const loaded = await loadDemoOrganisation(services, options.customersPerRep === undefined ? {} : { customersPerRep: options.customersPerRep });
    await markers.insertOne({ _id: 'demo-seed', at: new Date().toISOString() });
    out(`Loaded the demo organisation: ${loaded.teams} teams (${DEMO_TEAMS.length} staffed), ${loaded.users} users, ${loaded.customers} customers. Password of every demo user: ${DEMO_PASSWORD}\n`);
  } finally {
    await store.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  seedDemo().catch((error: Error) => {
    process.stderr.write(`seed:demo: ${error.message}\n`);
    process.exitCode = 1;
  });
}
