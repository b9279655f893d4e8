// The app a bench measures: a fresh embedded store in a temporary folder, the shipped
// policies and templates, a quiet logger; `close()` removes the folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, EmbeddedStore, loadPolicies, loadTemplates, memoryLogger } from '@crm-policy/server';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BENCH_ADMIN = { kind: 'user', id: 'bench', username: 'bench', displayName: 'bench', role: 'admin', teams: [] };

export async function openBenchApp(name, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), `crm-policy-${name}-`));
  const store = await EmbeddedStore.open(dir);
  const policies = await loadPolicies(join(ROOT, 'rules'));
  const { app, services } = await createApp({
    store,
    policies,
    templates: loadTemplates(join(ROOT, 'schemas/templates')),
    logger: memoryLogger(),
    ...(options.clock ? { clock: options.clock } : {}),
    config: { tokenSecret: 'a-bench-secret-that-is-long-enough-123', adminPassword: 'bench-admin-password', ...(options.uiDir ? { uiDir: options.uiDir } : {}), ...(options.config ?? {}) },
  });
  return {
    app,
    store,
    policies,
    services,
    async close() {
      await services.simulations.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
