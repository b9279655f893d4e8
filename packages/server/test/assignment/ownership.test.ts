import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from './assignmentHelpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

const login = (username: string) => t.login(username, `${username}-password`);

describe('ownership through the stages', () => {
  it('dedicated: the same inside and field owners from assignment to signed contract, and the claim never lapses', async () => {
    await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 10 }, { role: 'field', capacity: 10 }]);
    const [name] = companyNames(1, 21);
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name!, { employees: 3000 }));
    const claim = created.body.assignment.claim;
    const owners = [
      { repId: expect.any(String), repName: 'Nanshan Direct member 0', role: 'inside' },
      { repId: expect.any(String), repName: 'Nanshan Direct member 1', role: 'field' },
    ];
    expect(claim.owners).toEqual(owners);
    expect((await t.http.post(`/api/claims/${claim._id}/follow-ups`).set('authorization', await login('nanshan-direct-m1')).send({ note: '拜访' })).status).toBe(201);
    // A year on, the expiry job leaves it alone.
    t.clock.now = new Date(t.clock.now.getTime() + 400 * 86_400_000);
    const admin = await t.login('admin', ADMIN_PASSWORD);
    expect((await t.http.post('/api/jobs/expire-claims').set('authorization', admin)).body.expired).toBe(0);
    // Either owner acts on the claim: deal, contract.
    const [inside, field] = [await login('nanshan-direct-m0'), await login('nanshan-direct-m1')];
    expect((await t.http.post(`/api/claims/${claim._id}/deal`).set('authorization', inside).send({ open: true })).status).toBe(200);
    const converted = await t.http.post(`/api/claims/${claim._id}/convert`).set('authorization', field);
    expect(converted.body.claim ?? converted.body).toMatchObject({ status: 'converted', owners });
    const customer = await t.http.get(`/api/customers/${claim.customerId}`).set('authorization', inside);
    expect(customer.body.holder).toMatchObject({ status: 'converted', owners });
    // A signed customer no longer counts as active load.
    expect((await t.services.claims.workloads.of([claim.owners[0].repId])).get(claim.owners[0].repId)?.active).toBe(0);
  });

  it('shared: every co-owner sees and works the customer', async () => {
    await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 10 }, { role: 'field', capacity: 10 }, { role: 'inside', capacity: 10 }]);
    const [name] = companyNames(1, 23);
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name!));
    const claim = created.body.assignment.claim;
    expect(claim.owners.map((o: { role: string }) => o.role)).toEqual(['co-owner', 'co-owner']);
    for (const owner of claim.owners as Array<{ repName: string }>) {
      const auth = await login(`nanshan-direct-m${owner.repName.at(-1)}`);
      expect((await t.http.get('/api/claims').set('authorization', auth)).body.claims.map((c: { _id: string }) => c._id)).toEqual([claim._id]);
      expect((await t.http.post(`/api/claims/${claim._id}/follow-ups`).set('authorization', auth).send({ note: 'call' })).status).toBe(201);
    }
    const outsider = ['0', '1', '2'].find((i) => !claim.owners.some((o: { repName: string }) => o.repName.endsWith(i)))!;
    const other = await login(`nanshan-direct-m${outsider}`);
    expect((await t.http.get('/api/claims').set('authorization', other)).body.claims).toEqual([]);
    expect((await t.http.get(`/api/customers/${claim.customerId}`).set('authorization', other)).status).toBe(404);
  });

  it('publishes assignment.changed for integrators', async () => {
    await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 10 }]);
    const [name] = companyNames(1, 29);
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name!));
    const feed = await t.http.get('/api/events?type=assignment.changed').set('authorization', t.admin);
    expect(feed.body.events).toEqual([expect.objectContaining({ type: 'assignment.changed', data: expect.objectContaining({ customerId: created.body.customerId, from: null }) })]);
    const after = await t.http.get(`/api/events?after=${encodeURIComponent(feed.body.events[0].seq)}`).set('authorization', t.admin);
    expect(after.body.events).toEqual([]);
  });

  it('routes customers back from the pool to the territory’s team on a manager’s request', async () => {
    const team = await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 10 }, { role: 'field', capacity: 10 }]);
    const rep = await t.user('walk-in', 'rep', [await t.team('Walk-ins')]);
    const registered = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳回池数据有限公司'));
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    // Nothing in the pool yet: the registration still holds it.
    expect((await t.http.post('/api/assignment/pool/route').set('authorization', team.manager.auth).send({})).body.routed).toBe(0);

    t.clock.now = new Date(t.clock.now.getTime() + 400 * 86_400_000);
    const admin = await t.login('admin', ADMIN_PASSWORD);
    expect((await t.http.post('/api/jobs/expire-claims').set('authorization', admin)).status).toBe(200);
    const manager = await login('nanshan-direct-boss');
    expect((await t.http.post('/api/assignment/pool/route').set('authorization', await login('walk-in')).send({})).status).toBe(403);
    expect((await t.http.post('/api/assignment/pool/route').set('authorization', manager).send({ limit: 0 })).body.error.details[0].path).toBe('/limit');
    const routed = await t.http.post('/api/assignment/pool/route').set('authorization', manager).send({});
    expect(routed.status, JSON.stringify(routed.body)).toBe(200);
    expect(routed.body).toMatchObject({ routed: 1, assigned: 1, results: [{ customerName: '深圳回池数据有限公司', status: 'assigned', team: 'Nanshan Direct' }] });
    const holder = await t.services.claims.holderOf(registered.body.claim.customerId);
    expect(holder?.team).toBe(team.teamId);
    expect(holder?.ownerIds?.every((id) => team.memberIds.includes(id))).toBe(true);
    // Routed once: a second call finds nobody waiting.
    expect((await t.http.post('/api/assignment/pool/route').set('authorization', manager).send({})).body.routed).toBe(0);
  });
});
