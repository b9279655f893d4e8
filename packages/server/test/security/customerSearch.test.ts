import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

let t: TestApp;
let managerA: string;
beforeAll(async () => {
  t = await createTestApp();
  const [a, b] = [await t.team('Search A'), await t.team('Search B')];
  managerA = (await t.user('search-manager-a', 'manager', [a])).auth;
  const repB = await t.user('search-rep-b', 'rep', [b]);
  const registered = await t.http.post('/api/registrations').set('authorization', repB.auth).send(softwareCustomer('Beta Search Tech'));
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);
});
afterAll(async () => {
  await t.store.close();
});

describe('GET /api/customers/search', () => {
  it('finds another team’s customer for an admin, never for a manager of another team', async () => {
    const admin = await t.http.get('/api/customers/search?q=beta%20search').set('authorization', t.admin);
    expect(admin.body.customers.map((c: { name: string }) => c.name)).toEqual(['Beta Search Tech']);
    const manager = await t.http.get('/api/customers/search?q=beta%20search').set('authorization', managerA);
    expect(manager.status).toBe(200);
    expect(manager.body.customers).toEqual([]);
  });

  it('reads q as text, not a pattern', async () => {
    const response = await t.http.get(`/api/customers/search?q=${encodeURIComponent('B.ta')}`).set('authorization', t.admin);
    expect(response.body.customers).toEqual([]);
  });

  it.each(['abc', '0', '51', '2.5', '1e400', '-1'])('refuses limit=%s with 400 on query.limit', async (limit) => {
    const response = await t.http.get(`/api/customers/search?q=Beta&limit=${limit}`).set('authorization', t.admin);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.limit' }] });
  });
});
