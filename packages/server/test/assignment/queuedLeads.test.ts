import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { lead } from './assignmentHelpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

describe('a lead waiting in the assignment queue', () => {
  it('is the organisation’s to route: not in the pool, not readable or claimable by a rep', async () => {
    const team = await t.team('South');
    const rep = await t.user('rep.wang', 'rep', [team]);
    const manager = await t.user('boss.zhou', 'manager', [team]);
    // Nobody covers Beijing: the lead waits in the queue.
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead('北京远航信息技术有限公司', { region: '110105', employees: 2000 }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.assignment.status).toBe('queued');
    const id = created.body.customerId as string;

    expect((await t.http.get('/api/pool').set('authorization', rep.auth)).body.customers).toEqual([]);
    expect((await t.http.get(`/api/customers/${id}`).set('authorization', rep.auth)).status).toBe(404);
    const claimed = await t.http.post(`/api/pool/${id}/claim`).set('authorization', rep.auth);
    expect(claimed.status).toBe(404);
    // Registering it under its own name does not take it either.
    const registered = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('北京远航信息技术有限公司', { region: '110105' }));
    expect(registered.status, JSON.stringify(registered.body)).toBe(409);
    expect(registered.body.error).toMatchObject({ code: 'conflict', reason: 'being-assigned' });
    expect(await t.services.claims.claims.countDocuments({ customerId: id })).toBe(0);

    // Managers and admins, who route the queue, still read it.
    expect((await t.http.get(`/api/customers/${id}`).set('authorization', manager.auth)).status).toBe(200);
    expect((await t.http.get(`/api/customers/${id}`).set('authorization', t.admin)).status).toBe(200);
  });

  it('comes to the pool once it leaves the queue and nobody holds it', async () => {
    const team = await t.team('South');
    const rep = await t.user('rep.wang', 'rep', [team]);
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead('北京远航信息技术有限公司', { region: '110105', employees: 2000 }));
    const id = created.body.customerId as string;
    await t.services.assignment.queue.deleteOne({ customerId: id });
    expect((await t.http.get('/api/pool').set('authorization', rep.auth)).body.customers.map((c: { customerId: string }) => c.customerId)).toEqual([id]);
    expect((await t.http.get(`/api/customers/${id}`).set('authorization', rep.auth)).status).toBe(200);
  });
});
