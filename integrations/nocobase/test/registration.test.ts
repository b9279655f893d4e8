import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockServer } from '@nocobase/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmPolicyServer } from './crmPolicyServer.js';
import { startCrmPolicyServer } from './crmPolicyServer.js';
import { agentWith, configure, createNocoBaseApp, FIELD_MAP } from './nocobaseApp.js';

let app: MockServer;
let crm: CrmPolicyServer;
beforeAll(async () => {
  crm = await startCrmPolicyServer();
  const team = await crm.team('华南一组');
  await crm.rep('li.lei', '李雷', [team]);
  await crm.rep('han.mei', '韩梅', [team]);
  app = await createNocoBaseApp();
  await configure(app, { serverUrl: crm.url, apiKey: await crm.registrarKey(), timeoutMs: 3000, collection: 'customers', industry: 'software', fieldMap: FIELD_MAP, userField: 'crmRep', protectedUntilField: 'protectedUntil' });
});
afterAll(async () => {
  await app?.destroy();
  await crm?.close();
});

const customer = (name: string, extra: Record<string, unknown> = {}) => ({ name, region: '440305', contact: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas', ...extra });
const create = (user: string, values: Record<string, unknown>, locale = 'zh-CN') => agentWith(app, { 'x-test-user': user, 'x-locale': locale }).resource('customers').create({ values });
/** The refusal as the user reads it: NocoBase's error handler puts it in `errors[0].message`; Koa alone sends it as text. */
const messageOf = (response: { body: { errors?: Array<{ message?: string }> }; text: string }) => response.body?.errors?.[0]?.message ?? response.text;
const count = (name: string) => app.db.getRepository('customers').count({ filter: { name } });

describe('registration enforced on a NocoBase collection', () => {
  it('runs on the database the run asked for', () => {
    expect(app.db.sequelize.getDialect()).toBe(process.env['DB_DIALECT'] ?? 'sqlite');
  });

  it('saves a granted registration with the protection end date written back', async () => {
    const saved = await create('liLei', customer('深圳市腾飞科技有限公司'));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const row = await app.db.getRepository('customers').findOne({ filter: { name: '深圳市腾飞科技有限公司' } });
    expect(row?.get('protectedUntil')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const claims = await crm.admin('GET', '/api/claims');
    expect(claims.body.claims).toEqual([expect.objectContaining({ repName: '李雷', expiresAt: row?.get('protectedUntil') })]);
  });

  it('refuses a duplicate, naming the holder and team in the user’s language', async () => {
    const refused = await create('hanMei', customer('深圳市腾飞科技有限公司'));
    expect(refused.status).toBe(409);
    expect(messageOf(refused)).toContain('该客户已由 李雷（华南一组）报备');
    const english = await create('hanMei', customer('深圳市腾飞科技有限公司'), 'en-US');
    expect(messageOf(english)).toContain('李雷 (华南一组) already holds this customer');
    expect(await count('深圳市腾飞科技有限公司')).toBe(1);
  });

  it('refuses a customer the policy does not allow, with its reasons', async () => {
    const refused = await create('liLei', customer('广州市星河软件有限公司', { grade: 'A' }), 'en-US');
    expect(refused.status).toBe(403);
    expect(messageOf(refused)).toMatch(/cannot be registered: .*intent/i);
    expect(await count('广州市星河软件有限公司')).toBe(0);
  });

  it('refuses a user mapped to no rep, never passing silently', async () => {
    const refused = await create('stranger', customer('佛山市远航电子有限公司'));
    expect(refused.status).toBe(403);
    expect(messageOf(refused)).toContain('没有对应的 crm-policy 业务员');
    const anonymous = await agentWith(app, { 'x-locale': 'en-US' }).resource('customers').create({ values: customer('佛山市远航电子有限公司') });
    expect(anonymous.status).toBe(403);
    expect(await count('佛山市远航电子有限公司')).toBe(0);
  });

  it('refuses the save when the server does not answer in time', async () => {
    // A server that takes the connection and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const settings = await app.db.getRepository('crmPolicySettings').findOne();
    await configure(app, { serverUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 300 });
    try {
      const refused = await create('liLei', customer('惠州市晨光科技有限公司'), 'en-US');
      expect(refused.status).toBe(503);
      expect(messageOf(refused)).toContain('300 ms');
      expect(await count('惠州市晨光科技有限公司')).toBe(0);
    } finally {
      await configure(app, { serverUrl: settings?.get('serverUrl'), timeoutMs: 3000 });
      silent.closeAllConnections();
      await new Promise((done) => silent.close(done));
    }
  });

  it('refuses the save when the server is down', async () => {
    await crm.close();
    const refused = await create('liLei', customer('东莞市长青科技有限公司'), 'en-US');
    expect(refused.status).toBe(503);
    expect(messageOf(refused)).toContain('could not be reached');
    expect(await count('东莞市长青科技有限公司')).toBe(0);
  });
});
