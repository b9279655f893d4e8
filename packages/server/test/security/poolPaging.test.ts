import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

let t: TestApp;
let rep: string;
beforeAll(async () => {
  t = await createTestApp();
  rep = (await t.user('pool-paging-rep', 'rep', [await t.team('Pool paging')])).auth;
});
afterAll(async () => {
  await t.store.close();
});

describe('GET /api/pool pages only by whole numbers within bounds', () => {
  it.each([
    ['skip=1.5', 'query.skip'],
    ['skip=1e400', 'query.skip'],
    ['skip=99999999999999999999', 'query.skip'],
    ['skip=-1', 'query.skip'],
    ['skip=abc', 'query.skip'],
    ['limit=abc', 'query.limit'],
    ['limit=0', 'query.limit'],
    ['limit=501', 'query.limit'],
    ['limit=2.5', 'query.limit'],
  ])('refuses %s with 400 on its parameter', async (query, path) => {
    const response = await t.http.get(`/api/pool?${query}`).set('authorization', rep);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'bad-request', details: [{ path }] });
  });

  it('takes a whole limit and skip within bounds', async () => {
    const response = await t.http.get('/api/pool?limit=500&skip=1000000').set('authorization', rep);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ customers: [], total: 0 });
  });
});
