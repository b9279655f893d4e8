import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creditReport, leadCustomers } from '../credit/creditHelpers.js';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

let t: TestApp;
let team: string;
beforeEach(async () => {
  t = await createTestApp();
  team = await t.team('华南');
  await t.user('li.lei', 'rep', [team], '李雷');
});
afterEach(async () => {
  await t.store.close();
});

const HOST = 'https://crm.example.com';

async function createKey(body: Record<string, unknown>) {
  const response = await t.http.post('/api/api-keys').set('authorization', t.admin).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { key: string; record: { _id: string } };
}

describe('API keys', () => {
  it('get the least privilege, a rep’s, when created without a role', async () => {
    const { key, record } = await createKey({ name: 'portal' });
    const listed = await t.http.get('/api/api-keys').set('authorization', t.admin);
    expect(listed.body.keys).toEqual([expect.objectContaining({ _id: record._id, role: 'rep' })]);
    expect((await t.http.get('/api/me').set('x-api-key', key)).body).toMatchObject({ kind: 'api-key', role: 'rep' });
    expect((await t.http.get('/api/api-keys').set('x-api-key', key)).status).toBe(403);
  });

  it('are listed with their scope but never their secret, rescoped, and revoked for good', async () => {
    const { key, record } = await createKey({ name: 'low-code platform', role: 'manager', teams: [team], origins: [HOST] });
    const listed = await t.http.get('/api/api-keys').set('authorization', t.admin);
    expect(listed.body.keys).toEqual([expect.objectContaining({ _id: record._id, name: 'low-code platform', role: 'manager', teams: [team], origins: [HOST] })]);
    expect(JSON.stringify(listed.body)).not.toContain(key.split('.')[1]);
    expect(JSON.stringify(listed.body)).not.toContain('secretHash');

    expect((await t.http.get('/api/me').set('x-api-key', key)).body).toMatchObject({ role: 'manager', teams: [team] });
    const rescoped = await t.http.put(`/api/api-keys/${record._id}`).set('authorization', t.admin).send({ name: 'platform (read)', role: 'finance', teams: [] });
    expect(rescoped.status).toBe(200);
    expect((await t.http.get('/api/me').set('x-api-key', key)).body).toMatchObject({ role: 'finance', teams: [] });

    expect((await t.http.post(`/api/api-keys/${record._id}/revoke`).set('authorization', t.admin)).status).toBe(200);
    expect((await t.http.get('/api/me').set('x-api-key', key)).status).toBe(401);
    expect((await t.http.post(`/api/api-keys/${record._id}/revoke`).set('authorization', t.admin)).status).toBe(404);
    expect((await t.http.put(`/api/api-keys/${record._id}`).set('authorization', t.admin).send({ name: 'x', role: 'admin' })).status).toBe(404);
    const audit = await t.services.audit.entries.find({ subject: record._id }, { sort: { at: 1 } });
    expect(audit.map((entry) => entry.action)).toEqual(['api-key.created', 'api-key.rescoped', 'api-key.revoked']);
  });

  it('refuse a bad scope with the path of the bad field, and callers who are not admins', async () => {
    const unknownTeam = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'k', role: 'manager', teams: [team, 'no-such-team'] });
    expect(unknownTeam.status).toBe(422);
    expect(unknownTeam.body.error.details).toEqual([{ path: '/teams/1', message: 'no such team' }]);
    const badOrigin = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'k', role: 'admin', origins: ['https://crm.example.com/path'] });
    expect(badOrigin.status).toBe(422);
    expect(badOrigin.body.error.details[0].path).toBe('/origins/0');
    const blank = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: '   ', role: 'admin' });
    expect([blank.status, blank.body.error.details[0].path]).toEqual([422, '/name']);
    const teamless = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'k', role: 'manager' });
    expect(teamless.body.error.details).toEqual([{ path: '/teams', message: 'at least one team' }]);
    const manager = await t.user('wang', 'manager', [team]);
    expect((await t.http.get('/api/api-keys').set('authorization', manager.auth)).status).toBe(403);
    expect(await t.services.apiKeys.keys.countDocuments({})).toBe(0);
  });
});

describe('embed tokens', () => {
  it('are minted by a key for a rep and an allowed origin, register as that rep, and do nothing else', async () => {
    const { key } = await createKey({ name: 'portal', role: 'manager', teams: [team], origins: [HOST] });
    const minted = await t.http.post('/api/embed/tokens').set('x-api-key', key).send({ rep: 'li.lei', origin: HOST, industry: 'software' });
    expect(minted.status, JSON.stringify(minted.body)).toBe(201);
    expect(minted.body.url).toBe(`/embed/register?industry=software#token=${minted.body.token}`);
    expect(Date.parse(minted.body.expiresAt) - t.clock.now.getTime()).toBe(900_000);
    const embed = `Bearer ${minted.body.token}`;

    const registered = await t.http.post('/api/registrations').set('authorization', embed).send(softwareCustomer('深圳市腾飞科技有限公司'));
    expect(registered.status).toBe(201);
    expect(registered.body.claim.repName).toBe('李雷');
    expect((await t.http.get('/api/templates').set('authorization', embed)).status).toBe(200);
    expect((await t.http.get('/api/divisions').set('authorization', embed)).status).toBe(200);
    const claims = await t.http.get('/api/claims').set('authorization', embed);
    expect(claims.status).toBe(403);
    expect(claims.body.error.message).toContain('embed token');
    const other = await t.http.post('/api/registrations').set('authorization', embed).send({ industry: 'manufacturing', customer: {} });
    expect(other.status).toBe(403);
    expect(other.body.error.details).toEqual([{ path: '/industry', message: 'must be software' }]);
  });

  it('are refused for a signed-in user, another origin, a non-rep, or an unknown industry', async () => {
    const { key } = await createKey({ name: 'portal', role: 'admin', origins: [HOST] });
    expect((await t.http.post('/api/embed/tokens').set('authorization', t.admin).send({ rep: 'li.lei', origin: HOST })).status).toBe(403);
    const origin = await t.http.post('/api/embed/tokens').set('x-api-key', key).send({ rep: 'li.lei', origin: 'https://evil.example.com' });
    expect([origin.status, origin.body.error.details[0].path]).toEqual([422, '/origin']);
    await t.user('zhao', 'manager', [team]);
    const notRep = await t.http.post('/api/embed/tokens').set('x-api-key', key).send({ rep: 'zhao', origin: HOST });
    expect([notRep.status, notRep.body.error.details[0].path]).toEqual([422, '/rep']);
    const industry = await t.http.post('/api/embed/tokens').set('x-api-key', key).send({ rep: 'li.lei', origin: HOST, industry: 'no-such' });
    expect([industry.status, industry.body.error.details[0].path]).toEqual([422, '/industry']);
    const ttl = await t.http.post('/api/embed/tokens').set('x-api-key', key).send({ rep: 'li.lei', origin: HOST, ttlSeconds: 86_400 });
    expect([ttl.status, ttl.body.error.details[0].path]).toEqual([422, '/ttlSeconds']);
  });

  it('stop working when they expire, when their key is revoked, or when the key loses the origin', async () => {
    const { key, record } = await createKey({ name: 'portal', role: 'admin', origins: [HOST, 'https://b.example.com'] });
    const mint = async (origin = HOST) => `Bearer ${(await t.http.post('/api/embed/tokens').set('x-api-key', key).send({ rep: 'li.lei', origin, ttlSeconds: 60 })).body.token as string}`;
    const expiring = await mint();
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    expect((await t.http.get('/api/templates').set('authorization', expiring)).status).toBe(401);

    const fromB = await mint('https://b.example.com');
    const fromHost = await mint();
    await t.http.put(`/api/api-keys/${record._id}`).set('authorization', t.admin).send({ name: 'portal', role: 'admin', origins: [HOST] });
    expect((await t.http.get('/api/templates').set('authorization', fromB)).status).toBe(401);
    expect((await t.http.get('/api/templates').set('authorization', fromHost)).status).toBe(200);
    await t.http.post(`/api/api-keys/${record._id}/revoke`).set('authorization', t.admin);
    expect((await t.http.get('/api/templates').set('authorization', fromHost)).status).toBe(401);
  });
});

describe('an API key speaks for the admin who made it', () => {
  it('so that admin cannot decide their own proposal or report through it, nor the reverse', async () => {
    const east = await t.team('华东');
    const { key } = await createKey({ name: 'own director key', role: 'director' });
    const adminKey = (await createKey({ name: 'own admin key', role: 'admin' })).key;
    // A territory redraw the admin proposed, decided with the admin's own key.
    const proposed = await t.http.post('/api/reassignments').set('authorization', t.admin).send({ kind: 'territory', teamId: east, territories: [{ regions: ['31'] }] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.mayDecide).toBe(false);
    const viaKey = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('x-api-key', adminKey).send({ approve: true, comment: 'mine' });
    expect(viaKey.status).toBe(403);
    // One proposed through the key, decided with the admin's own token.
    const keyProposal = await t.http.post('/api/reassignments').set('x-api-key', adminKey).send({ kind: 'territory', teamId: east, territories: [{ regions: ['32'] }] });
    expect((await t.http.post(`/api/reassignments/${keyProposal.body._id}/decision`).set('authorization', t.admin).send({ approve: true, comment: 'mine' })).status).toBe(403);
    expect((await t.services.users.teams.findOne({ _id: east }))?.territories ?? []).toEqual([]);

    // A credit report the admin supplied by hand, approved with the admin's director-role key.
    await t.http.put('/api/credit/sectors/*').set('authorization', t.admin).send({ index: 30, comment: 'baseline' });
    const [customer] = await leadCustomers(t, 1, 'technology', 401);
    const assessed = await t.http.post(`/api/customers/${customer}/credit-assessments`).set('authorization', t.admin).send({ requestedLimit: 100_000, report: creditReport({ score: 800 }) });
    expect(assessed.body.status).toBe('pending-approval');
    const approved = await t.http.post(`/api/credit-assessments/${assessed.body._id}/decision`).set('x-api-key', key).send({ approve: true, comment: 'mine' });
    expect(approved.status).toBe(403);
  });

  it('and ends when that admin is disabled or no longer an admin', async () => {
    const second = await t.user('second.admin', 'admin', []);
    const minted = await t.http.post('/api/api-keys').set('authorization', second.auth).send({ name: 'second admin key', role: 'admin' });
    expect(minted.status).toBe(201);
    const key = minted.body.key as string;
    expect((await t.http.get('/api/me').set('x-api-key', key)).status).toBe(200);
    expect((await t.http.post(`/api/users/${second.id}/disable`).set('authorization', t.admin)).status).toBe(200);
    // The key can neither act nor bring its maker back.
    expect((await t.http.get('/api/me').set('x-api-key', key)).status).toBe(401);
    expect((await t.http.post(`/api/users/${second.id}/enable`).set('x-api-key', key)).status).toBe(401);
    expect((await t.http.post(`/api/users/${second.id}/enable`).set('authorization', t.admin)).status).toBe(200);
    expect((await t.http.get('/api/me').set('x-api-key', key)).status).toBe(200);
    const demoted = await t.http.put(`/api/users/${second.id}/role`).set('authorization', t.admin).send({ role: 'finance' });
    expect(demoted.status, JSON.stringify(demoted.body)).toBe(200);
    expect((await t.http.get('/api/me').set('x-api-key', key)).status).toBe(401);
  });
});
