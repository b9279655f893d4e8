import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp } from './testApp.js';
import type { TestApp } from './testApp.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

describe('sign-in and roles', () => {
  it('signs in with the right password and not with a wrong one', async () => {
    const ok = await t.http.post('/api/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toMatch(/^ey/);
    expect(ok.body.user).not.toHaveProperty('passwordHash');
    const wrong = await t.http.post('/api/auth/login').send({ username: 'admin', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    const unknown = await t.http.post('/api/auth/login').send({ username: 'ghost', password: 'nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('stores passwords hashed', async () => {
    const stored = await t.services.users.findByUsername('admin');
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);
    expect(stored!.passwordHash).not.toContain(ADMIN_PASSWORD);
  });

  it('rejects a missing, forged or expired token', async () => {
    expect((await t.http.get('/api/me')).status).toBe(401);
    expect((await t.http.get('/api/me').set('authorization', 'Bearer nonsense')).status).toBe(401);
    const forged = t.admin.slice(0, -4) + 'AAAA';
    expect((await t.http.get('/api/me').set('authorization', forged)).status).toBe(401);
    expect((await t.http.get('/api/me').set('authorization', t.admin)).body).toMatchObject({ username: 'admin', role: 'admin' });
    t.clock.now = new Date(t.clock.now.getTime() + 2 * 3600_000);
    expect((await t.http.get('/api/me').set('authorization', t.admin)).status).toBe(401);
  });

  it('lets only admins create teams and users, with clear errors', async () => {
    const team = await t.team('South Enterprise');
    const rep = await t.user('li.na', 'rep', [team], '李娜');
    const manager = await t.user('wang.manager', 'manager', [team]);
    expect((await t.http.post('/api/teams').set('authorization', rep.auth).send({ name: 'X' })).status).toBe(403);
    expect((await t.http.post('/api/teams').set('authorization', manager.auth).send({ name: 'X' })).status).toBe(403);
    const duplicateTeam = await t.http.post('/api/teams').set('authorization', t.admin).send({ name: 'South Enterprise' });
    expect(duplicateTeam.status).toBe(409);
    const taken = await t.http.post('/api/users').set('authorization', t.admin).send({ username: 'li.na', password: 'long-enough-pw', displayName: 'x', role: 'rep', teams: [team] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details[0].path).toBe('/username');
    const noTeam = await t.http.post('/api/users').set('authorization', t.admin).send({ username: 'zhao', password: 'long-enough-pw', displayName: 'x', role: 'rep', teams: ['nope'] });
    expect(noTeam.status).toBe(422);
    expect(noTeam.body.error.details[0].path).toBe('/teams/0');
    const shortPassword = await t.http.post('/api/users').set('authorization', t.admin).send({ username: 'zhao', password: 'short', displayName: 'x', role: 'rep', teams: [team] });
    expect(shortPassword.status).toBe(422);
    expect(shortPassword.body.error.details).toContainEqual(expect.objectContaining({ path: '/password', code: 'too-short' }));
    expect(shortPassword.body.error.details.every((problem: { path: string }) => problem.path === '/password')).toBe(true);
    const me = await t.http.get('/api/me').set('authorization', rep.auth);
    expect(me.body).toMatchObject({ username: 'li.na', role: 'rep', teams: [team] });
  });

  it('lists teams to anyone signed in, and users to admins (all) and managers (their teams)', async () => {
    const south = await t.team('South');
    const east = await t.team('East');
    const boss = await t.user('boss', 'manager', [south]);
    await t.user('a.rep', 'rep', [south]);
    await t.user('b.rep', 'rep', [east]);
    const rep = await t.user('c.rep', 'rep', [east]);
    expect((await t.http.get('/api/teams').set('authorization', rep.auth)).body.teams.map((x: { name: string }) => x.name)).toEqual(['East', 'South']);
    const seenByBoss = (await t.http.get('/api/users').set('authorization', boss.auth)).body.users.map((u: { username: string }) => u.username);
    expect(seenByBoss).toEqual(['a.rep', 'boss']);
    const seenByAdmin = (await t.http.get('/api/users').set('authorization', t.admin)).body.users;
    expect(seenByAdmin).toHaveLength(5);
    expect(JSON.stringify(seenByAdmin)).not.toContain('passwordHash');
    expect((await t.http.get('/api/users').set('authorization', rep.auth)).status).toBe(403);
  });

  it('authenticates integrators by API key, with the key’s role', async () => {
    const created = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'low-code platform', role: 'admin' });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect((await t.http.get('/api/me').set('x-api-key', key)).body).toMatchObject({ kind: 'api-key', role: 'admin' });
    expect((await t.http.get('/api/me').set('x-api-key', key.slice(0, -2) + 'xx')).status).toBe(401);
    const stored = await t.services.apiKeys.keys.findOne({});
    expect(JSON.stringify(stored)).not.toContain(key.split('.')[1]);
  });

  it('reports health without signing in', async () => {
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', store: { kind: 'embedded', ok: true } });
  });
});
