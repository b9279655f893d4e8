import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { firstAdminNotice } from '../src/auth/firstAdminNotice.js';
import { loadTemplates } from '../src/main.js';
import { seedDemo } from '../src/seedDemo.js';
import { EmbeddedStore } from '../src/store/embedded/embeddedStore.js';
import { shippedPolicies } from './testApp.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** Runs the seed on a folder and answers what it printed. */
async function seed(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  let printed = '';
  await seedDemo({ env: { DATA_DIR: dataDir, ...env }, out: (text) => (printed += text), customersPerRep: 1, policies: await shippedPolicies() });
  return printed;
}

/** Signs in as admin on the seeded folder: the status of the answer. */
async function adminSignIn(dataDir: string, password: string): Promise<number> {
  const store = await EmbeddedStore.open(dataDir);
  try {
    const { app } = await createApp({ store, policies: await shippedPolicies(), templates: loadTemplates(join(ROOT, 'schemas/templates')), config: { tokenSecret: 'a-test-secret-that-is-long-enough-1234' } });
    return (await request(app).post('/api/auth/login').send({ username: 'admin', password })).status;
  } finally {
    await store.close();
  }
}

describe('npm run seed:demo', () => {
  it('without ADMIN_PASSWORD prints the made-up admin password once, as npm start does, and it signs in', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crm-policy-seed-'));
    const printed = await seed(dataDir);
    const password = /sign in as admin with password (\S+) /.exec(printed)?.[1];
    expect(password, printed).toBeDefined();
    expect(printed).toContain(firstAdminNotice(password!));
    expect(printed).toContain('Loaded the demo organisation');
    expect(await seed(dataDir)).not.toContain('sign in as admin');
    expect(await adminSignIn(dataDir, password!)).toBe(200);
  }, 20_000);
});
