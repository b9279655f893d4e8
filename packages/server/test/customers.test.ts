import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

let t: TestApp;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };
let southBoss: { id: string; auth: string };
let northBoss: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  const [south, north] = [await t.team('South'), await t.team('North')];
  li = await t.user('li.na', 'rep', [south], '李娜');
  wang = await t.user('wang.qiang', 'rep', [north], '王强');
  southBoss = await t.user('south.boss', 'manager', [south]);
  northBoss = await t.user('north.boss', 'manager', [north]);
});
afterEach(async () => {
  await t.store.close();
});

let phone = 10_000_000;
const register = (auth: string, name: string) =>
  t.http.post('/api/registrations').set('authorization', auth).send(softwareCustomer(name, { phone: `0755 ${(phone += 7919)}` }));

async function registered(auth: string, name: string): Promise<{ customerId: string; claimId: string; form: Record<string, unknown> }> {
  const body = softwareCustomer(name, { phone: `0755 ${(phone += 7919)}` });
  const response = await t.http.post('/api/registrations').set('authorization', auth).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { customerId: response.body.claim.customerId, claimId: response.body.claim._id, form: body.customer };
}

const put = (auth: string, id: string, customer: Record<string, unknown>) => t.http.put(`/api/customers/${id}`).set('authorization', auth).send({ customer });

describe('reading a customer', () => {
  it('shows the record and its holder within the caller’s scope only', async () => {
    const { customerId } = await registered(li.auth, '深圳市腾飞科技有限公司');
    const own = await t.http.get(`/api/customers/${customerId}`).set('authorization', li.auth);
    expect(own.status).toBe(200);
    expect(own.body.customer).toMatchObject({ _id: customerId, name: '深圳市腾飞科技有限公司', grade: 'C' });
    expect(own.body.customer.dedupKeys).toBeUndefined();
    expect(own.body.holder).toMatchObject({ repId: li.id, repName: '李娜', teamName: 'South', status: 'active' });
    expect((await t.http.get(`/api/customers/${customerId}`).set('authorization', southBoss.auth)).status).toBe(200);
    expect((await t.http.get(`/api/customers/${customerId}`).set('authorization', wang.auth)).status).toBe(404);
    expect((await t.http.get(`/api/customers/${customerId}`).set('authorization', northBoss.auth)).status).toBe(404);
    expect((await t.http.get('/api/customers/no-such-id').set('authorization', t.admin)).status).toBe(404);
  });
});

describe('renaming a customer', () => {
  it('moves duplicate detection to the new name, everywhere at once', async () => {
    const { customerId, form } = await registered(li.auth, '深圳市腾飞科技有限公司');
    const renamed = await put(li.auth, customerId, { ...form, companyName: '深圳市星河数码科技有限公司', grade: 'B' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.customer).toMatchObject({ name: '深圳市星河数码科技有限公司', grade: 'B', updatedBy: li.id });

    // Another spelling of the new name is a duplicate; the old name is free.
    const newSpelling = await register(wang.auth, '星河数码科技（深圳）有限公司');
    expect(newSpelling.status).toBe(409);
    expect(newSpelling.body.error.holder.name).toBe('李娜');
    expect((await register(wang.auth, '深圳騰飛科技有限公司')).status).toBe(201);

    const claims = (await t.http.get('/api/claims').set('authorization', li.auth)).body.claims;
    expect(claims[0]).toMatchObject({ customerId, customerName: '深圳市星河数码科技有限公司', grade: 'B' });
    const audit = await t.http.get('/api/audit').set('authorization', t.admin);
    expect(audit.body.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'customer.updated', subject: customerId })]),
    );
  });

  it('refuses a new name that is another stored customer, and changes nothing', async () => {
    const ours = await registered(li.auth, '深圳市腾飞科技有限公司');
    await registered(wang.auth, '广州市星河科技有限公司');
    for (const name of ['广州市星河科技有限公司', '星河科技（广州）有限公司']) {
      const clash = await put(li.auth, ours.customerId, { ...ours.form, companyName: name });
      expect(clash.status, name).toBe(409);
      expect(clash.body.error.code).toBe('duplicate');
      expect(clash.body.error.details[0].path).toBe('/customer/companyName');
      // Like a registration's verdict, the other customer's identity is not revealed.
      expect(JSON.stringify(clash.body)).not.toContain('wang');
    }
    const after = await t.http.get(`/api/customers/${ours.customerId}`).set('authorization', li.auth);
    expect(after.body.customer.name).toBe('深圳市腾飞科技有限公司');
    expect((await register(wang.auth, '深圳腾飞科技有限公司')).status).toBe(409);
  });

  it('validates the form against the industry template, with the field’s path', async () => {
    const { customerId, form } = await registered(li.auth, '深圳市腾飞科技有限公司');
    const bad = await put(li.auth, customerId, { ...form, grade: 'Z' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('/customer/grade');
    const missing = await t.http.put(`/api/customers/${customerId}`).set('authorization', li.auth).send({ form });
    expect(missing.status).toBe(422);
  });

  it('is for the holder, their manager and admins; a pool customer only for admins', async () => {
    const { customerId, claimId, form } = await registered(li.auth, '深圳市腾飞科技有限公司');
    expect((await put(wang.auth, customerId, { ...form, companyName: '深圳市腾云科技有限公司' })).status).toBe(404);
    expect((await put(northBoss.auth, customerId, { ...form, companyName: '深圳市腾云科技有限公司' })).status).toBe(404);
    expect((await put(southBoss.auth, customerId, { ...form, companyName: '深圳市腾云科技有限公司' })).status).toBe(200);
    expect((await t.http.post(`/api/claims/${claimId}/release`).set('authorization', li.auth).send({})).status).toBe(200);
    // In the pool everyone may read it; only an admin may change it.
    expect((await t.http.get(`/api/customers/${customerId}`).set('authorization', wang.auth)).status).toBe(200);
    expect((await put(li.auth, customerId, { ...form, companyName: '深圳市腾达科技有限公司' })).status).toBe(403);
    expect((await put(t.admin, customerId, { ...form, companyName: '深圳市腾达科技有限公司' })).status).toBe(200);
  });

  it('keeps the spellings of merged customers finding the survivor', async () => {
    const a = await registered(li.auth, '深圳市腾飞科技有限公司');
    const b = await registered(li.auth, '深圳市飞腾电子有限公司');
    expect((await t.http.post(`/api/claims/${b.claimId}/release`).set('authorization', li.auth).send({})).status).toBe(200);
    expect((await t.http.post('/api/duplicates/resolve').set('authorization', t.admin).send({ a: a.customerId, b: b.customerId, action: 'merge' })).status).toBe(200);
    expect((await put(li.auth, a.customerId, { ...a.form, companyName: '深圳市腾飞智能科技有限公司' })).status).toBe(200);
    expect((await register(wang.auth, '深圳飛騰電子有限公司')).status).toBe(409);
    expect((await register(wang.auth, '深圳市腾飞智能科技有限公司')).status).toBe(409);
  });
});

describe('deleting a customer', () => {
  it('is refused while held, and takes the customer out of duplicate detection', async () => {
    const { customerId, claimId } = await registered(li.auth, '深圳市腾飞科技有限公司');
    expect((await t.http.delete(`/api/customers/${customerId}`).set('authorization', li.auth)).status).toBe(403);
    const held = await t.http.delete(`/api/customers/${customerId}`).set('authorization', t.admin);
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('conflict');
    expect((await t.http.post(`/api/claims/${claimId}/release`).set('authorization', li.auth).send({})).status).toBe(200);
    expect((await t.http.delete(`/api/customers/${customerId}`).set('authorization', t.admin)).status).toBe(204);
    expect((await t.http.get(`/api/customers/${customerId}`).set('authorization', t.admin)).status).toBe(404);
    expect((await t.http.delete(`/api/customers/${customerId}`).set('authorization', t.admin)).status).toBe(404);
    const again = await register(wang.auth, '深圳騰飛科技有限公司');
    expect(again.status).toBe(201);
    expect(again.body.claim.customerId).not.toBe(customerId);
    // The ended claim stays as history.
    expect((await t.http.get('/api/claims?status=released').set('authorization', li.auth)).body.claims).toHaveLength(1);
  });
});
