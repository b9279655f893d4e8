import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/collection.js';
import { EmbeddedStore } from '../../../src/store/embedded/embeddedStore.js';
import { importIntoEmptyFolder } from '../../../src/store/exchange/importStore.js';
import { createTestApp, softwareCustomer } from '../../testApp.js';
import { contentOf, temporaryFolders } from './exchangeHelpers.js';

// POST /api/admin/export: the running server writes what the CLI writes, into a folder under EXPORT_DIR, for admins only.
const folders = temporaryFolders();
afterAll(() => folders.removeAll());

describe('POST /api/admin/export', () => {
  it('writes the store to a new folder under EXPORT_DIR, answers where, audits it, and refuses every other role', async () => {
    const exportDir = folders.path('exports');
    const t = await createTestApp({ config: { exportDir } });
    try {
      const team = await t.team('华南一组');
      const rep = await t.user('li.na', 'rep', [team], '李娜');
      expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳腾飞科技有限公司'))).status).toBe(201);
      const others = [rep.auth, (await t.user('boss', 'manager', [team])).auth, (await t.user('fiona', 'finance', [])).auth, (await t.user('dave', 'director', [])).auth];
      for (const auth of others) {
        const refused = await t.http.post('/api/admin/export').set('authorization', auth);
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('forbidden');
      }
      expect((await t.http.post('/api/admin/export')).status).toBe(401);
      expect(existsSync(exportDir)).toBe(false);

      const answer = await t.http.post('/api/admin/export').set('authorization', t.admin);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(dirname(answer.body.dir)).toBe(exportDir);
      expect(answer.body).toMatchObject({ files: { indexes: 'indexes.json', script: 'create-indexes.js' }, indexes: expect.any(Number) });
      expect(answer.body.collections).toContainEqual({ name: 'customers', file: 'customers.json', documents: 1 });
      expect(readdirSync(answer.body.dir)).toEqual(expect.arrayContaining(['customers.json', 'claims.json', 'users.json', 'indexes.json', 'create-indexes.js']));
      const audit = (await t.http.get('/api/audit').set('authorization', t.admin)).body.entries as Array<{ action: string }>;
      expect(audit.filter((entry) => entry.action === 'data.exported')).toHaveLength(1);
      expect(audit.find((entry) => entry.action === 'data.exported')).toMatchObject({ action: 'data.exported', subject: answer.body.dir, actor: { username: 'admin' } });

      // The files load into a new store holding what the server held.
      const dataDir = folders.path('data');
      await importIntoEmptyFolder(answer.body.dir, dataDir);
      const copy = await EmbeddedStore.open(dataDir);
      try {
        const names = ['customers', 'claims', 'users', 'teams', 'policyVersions'];
        expect(await contentOf(copy, names)).toEqual(await contentOf(t.store, names));
      } finally {
        await copy.close();
      }
      const second = await t.http.post('/api/admin/export').set('authorization', t.admin);
      expect(second.status).toBe(201);
      expect(second.body.dir).not.toBe(answer.body.dir);
    } finally {
      await t.store.close();
    }
  });

  it('answers 409 on MongoDB, whose own tools copy it', async () => {
    const inner = await EmbeddedStore.open(folders.folder());
    // The app on a store that says it is MongoDB.
    const mongoLike: Store = { kind: 'mongodb', collection: (name) => inner.collection(name), writeAtomically: (writes) => inner.writeAtomically(writes), health: () => inner.health(), close: () => inner.close() };
    const exportDir = folders.path('exports');
    const t = await createTestApp({ store: mongoLike, config: { exportDir } });
    try {
      const refused = await t.http.post('/api/admin/export').set('authorization', t.admin);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'conflict', reason: 'store-is-mongodb', message: expect.stringContaining('mongodump') });
      expect(existsSync(exportDir)).toBe(false);
    } finally {
      await t.store.close();
    }
  });
});
