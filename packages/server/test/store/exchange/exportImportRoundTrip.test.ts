import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isSealed } from '../../../src/atRest/sealedValue.js';
import { EmbeddedStore } from '../../../src/store/embedded/embeddedStore.js';
import { createTestApp, softwareCustomer } from '../../testApp.js';
import type { TestApp } from '../../testApp.js';
import { assignmentDraft } from '../../policies/policyHelpers.js';
import { collectionNamesOf, contentOf, serverCommand, temporaryFolders } from './exchangeHelpers.js';

// A store filled through the API, exported with the CLI, imported with the CLI into a new folder, and started again: the same answers.
const KEY = randomBytes(32).toString('base64');
const folders = temporaryFolders();
afterAll(() => folders.removeAll());

/** Registrations, a follow-up, a collision and its appeal, a published policy version, users and teams, a webhook with a sealed secret. */
async function fill(t: TestApp) {
  const south = await t.team('华南一组');
  const east = await t.team('华东一组');
  const li = await t.user('li.na', 'rep', [south], '李娜');
  const wang = await t.user('wang.qiang', 'rep', [east], '王强');
  await t.user('south.boss', 'manager', [south], '张经理');
  const register = (auth: string, body: object) => t.http.post('/api/registrations').set('authorization', auth).send(body);
  const first = await register(li.auth, softwareCustomer('深圳腾飞科技有限公司'));
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  expect((await register(li.auth, softwareCustomer('广州云图信息技术有限公司', { phone: '020 8888 6666' }))).status).toBe(201);
  expect((await register(wang.auth, softwareCustomer('上海星河数据服务有限公司', { region: '310104', phone: '021 6666 8888' }))).status).toBe(201);
  const followUp = await t.http.post(`/api/claims/${first.body.claim._id}/follow-ups`).set('authorization', li.auth).send({ note: '拜访了张总，约下周演示' });
  expect(followUp.status, JSON.stringify(followUp.body)).toBe(201);
  const collision = await register(wang.auth, softwareCustomer('深圳腾飞科技（有限公司）', { phone: '021 5555 6666' }));
  expect(collision.status).toBe(409);
  const appeal = await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId: collision.body.error.collisionId, reason: '我先接触的客户' });
  expect(appeal.status, JSON.stringify(appeal.body)).toBe(201);
  const draft = await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file: assignmentDraft(), comment: '深圳新团队' });
  expect(draft.status, JSON.stringify(draft.body)).toBe(200);
  expect((await t.http.post('/api/policies/assignment/publish').set('authorization', t.admin).send({ comment: '上线' })).status).toBe(200);
  const hook = await t.http.post('/api/webhooks').set('authorization', t.admin).send({ url: 'http://127.0.0.1:4111/hook', events: ['assignment.changed'] });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  return { customerIds: [first.body.claim.customerId as string], policyVersionId: draft.body.draft._id as string };
}

/** What the API answers, signed in afresh (passwords checked against the stored hashes). */
async function answers(t: TestApp, ids: { customerIds: string[]; policyVersionId: string }) {
  const admin = await t.login('admin', 'admin-password-for-tests');
  const li = await t.login('li.na', 'li.na-password');
  const wang = await t.login('wang.qiang', 'wang.qiang-password');
  const get = async (path: string, auth: string) => {
    const response = await t.http.get(path).set('authorization', auth);
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
    return response.body as unknown;
  };
  return {
    customers: await Promise.all(ids.customerIds.map((id) => get(`/api/customers/${id}`, li))),
    claimsOfLi: await get('/api/claims', li),
    claimsOfWang: await get('/api/claims', wang),
    allClaims: await get('/api/claims', admin),
    appeals: await get('/api/appeals', wang),
    audit: await get('/api/audit?limit=200', admin),
    policyVersion: await get(`/api/policies/assignment/versions/${ids.policyVersionId}`, admin),
    policies: await get('/api/policies', admin),
    users: await get('/api/users', admin),
    teams: await get('/api/teams', admin),
    webhooks: await get('/api/webhooks', admin),
  };
}

describe('export, then import into a new folder', () => {
  it('gives a store that answers as the first did, documents, indexes and sealed values as they were', async () => {
    const first = folders.folder();
    const t = await createTestApp({ store: await EmbeddedStore.open(first), dataKey: KEY });
    const ids = await fill(t);
    const before = await answers(t, ids);
    expect((before.audit as { entries: unknown[] }).entries.length).toBeGreaterThan(5);
    await t.store.close();

    const out = folders.path('export');
    const exported = await serverCommand(['export', '--out', out], { DATA_DIR: first });
    expect(exported, exported.err).toMatchObject({ status: 0, err: '' });
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['customers.json', 'claims.json', 'appeals.json', 'audit.json', 'policyVersions.json', 'users.json', 'webhooks.json', 'indexes.json', 'create-indexes.js']));
    expect(exported.out).toContain('mongoimport');

    const second = folders.path('data');
    const imported = await serverCommand(['import', '--from', out], { DATA_DIR: second });
    expect(imported, imported.err).toMatchObject({ status: 0, err: '' });

    // The stores themselves: every collection, document for document, and every index.
    const [a, b] = [await EmbeddedStore.open(first), await EmbeddedStore.open(second)];
    try {
      const names = await collectionNamesOf(a);
      expect(names.length).toBeGreaterThan(10);
      expect(await contentOf(b, names)).toEqual(await contentOf(a, names));
      for (const name of names) expect(await b.collection(name).listIndexes(), name).toEqual(await a.collection(name).listIndexes());
      const [webhook] = await b.collection('webhooks').find({});
      expect(isSealed(webhook?.['secret'])).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }

    // Started again on the imported folder, with the same DATA_KEY: the same answers, and the same unique indexes at work.
    const again = await createTestApp({ store: await EmbeddedStore.open(second), dataKey: KEY });
    try {
      expect(await answers(again, ids)).toEqual(before);
      const li = await again.login('li.na', 'li.na-password');
      const duplicate = await again.http.post('/api/registrations').set('authorization', li).send(softwareCustomer('深圳腾飞科技有限公司'));
      expect(duplicate.status).toBe(409);
    } finally {
      await again.store.close();
    }
  });
});
