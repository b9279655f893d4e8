import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERNAMES, loadDemoOrganisation } from './demo/demoOrganisation.js';
import { loadPolicies, loadTemplates } from './main.js';
import { openStore } from './store/openStore.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** Loads the demo organisation (`loadDemoOrganisation`) into the store of DATA_DIR or MONGODB_URI, once. */
export async function seedDemo(): Promise<void> {
  const env = process.env;
  const store = await openStore({ mongodbUri: env['MONGODB_URI'], dataDir: resolve(env['DATA_DIR'] ?? 'data') });
  try {
    const { services } = await createApp({
      store,
      policies: await loadPolicies(join(REPOSITORY, 'rules')),
      templates: loadTemplates(join(REPOSITORY, 'schemas/templates')),
      config: { tokenSecret: randomBytes(32).toString('hex'), adminPassword: env['ADMIN_PASSWORD'] },
      logger: { info: () => {}, warn: () => {}, error: (m, f) => process.stderr.write(`${m} ${JSON.stringify(f)}\n`) },
    });
    const markers = store.collection('settings');
    if (await markers.findOne({ _id: 'demo-seed' })) {
      process.stdout.write('The demo organisation is already loaded.\n');
      return;
    }
    const taken = await services.users.users.find({ username: { $in: [...DEMO_USERNAMES] } }, { projection: { username: 1 } });
    if (taken.length > 0 || (await services.users.teams.countDocuments({ name: { $in: DEMO_TEAMS.map((t) => t.name) } })) > 0) {
      throw new Error(`this store already has users or teams the demo would create (${taken.map((u) => u.username).join(', ') || 'teams'}); seed an empty store (DATA_DIR=demo-data npm run seed:demo)`);
    }
    const loaded = await loadDemoOrganisation(services);
    await markers.insertOne({ _id: 'demo-seed', at: new Date().toISOString() });
    process.stdout.write(`Loaded the demo organisation: ${loaded.teams} teams (${DEMO_TEAMS.length} staffed), ${loaded.users} users, ${loaded.customers} customers. Password of every demo user: ${DEMO_PASSWORD}\n`);
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
