import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// The admin's organisation screens rename teams and change the name a user is shown by.
let t: TestApp;
let south: string;
let manager: { id: string; auth: string };
beforeAll(async () => {
  t = await createTestApp();
  south = await t.team('South');
  await t.team('North');
  manager = await t.user('ren.boss', 'manager', [south]);
});
afterAll(async () => {
  await t.store.close();
});

describe('renaming a team', () => {
  it('renames it, records it, and keeps its territories and members', async () => {
    const renamed = await t.http.put(`/api/teams/${south}`).set('authorization', t.admin).send({ name: '  华南一组 ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ _id: south, name: '华南一组' });
    const listed = await t.http.get('/api/teams').set('authorization', t.admin);
    expect(listed.body.teams.map((team: { name: string }) => team.name)).toContain('华南一组');
    const audit = await t.services.audit.entries.find({ subject: south, action: 'team.renamed' });
    expect(audit[0]?.data).toEqual({ before: 'South', after: '华南一组' });
  });

  it('refuses a name another team has, a blank name, an unknown team and anyone but an admin', async () => {
    const taken = await t.http.put(`/api/teams/${south}`).set('authorization', t.admin).send({ name: 'North' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'conflict', details: [expect.objectContaining({ path: '/name' })] });
    const blank = await t.http.put(`/api/teams/${south}`).set('authorization', t.admin).set('accept-language', 'zh-CN').send({ name: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('invalid');
    expect(blank.body.error.details.map((detail: { path: string }) => detail.path)).toContain('/name');
    expect((await t.http.put('/api/teams/no-such-team').set('authorization', t.admin).send({ name: 'East' })).status).toBe(404);
    const byManager = await t.http.put(`/api/teams/${south}`).set('authorization', manager.auth).send({ name: 'Mine' });
    expect(byManager.status).toBe(403);
    expect((await t.services.users.teams.findOne({ _id: south }))?.name).toBe('华南一组');
  });
});

describe('changing a user’s display name', () => {
  it('changes it without ending their tokens, and records it', async () => {
    const rep = await t.user('ren.rep', 'rep', [south]);
    const changed = await t.http.put(`/api/users/${rep.id}`).set('authorization', t.admin).send({ displayName: ' 李娜 ' });
    expect(changed.status).toBe(200);
    expect(changed.body.user).toMatchObject({ username: 'ren.rep', displayName: '李娜' });
    expect(changed.body.user).not.toHaveProperty('passwordHash');
    expect((await t.http.get('/api/me').set('authorization', rep.auth)).status).toBe(200);
    expect(await t.services.audit.entries.countDocuments({ subject: rep.id, action: 'user.renamed' })).toBe(1);
  });

  it('refuses a blank or missing name, an unknown user and anyone but an admin', async () => {
    const rep = await t.user('ren.other', 'rep', [south]);
    for (const body of [{ displayName: '' }, { displayName: '  ' }, {}]) {
      const refused = await t.http.put(`/api/users/${rep.id}`).set('authorization', t.admin).send(body);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('invalid');
      expect(refused.body.error.details.map((detail: { path: string }) => detail.path)).toContain('/displayName');
    }
    expect((await t.http.put('/api/users/no-such-user').set('authorization', t.admin).send({ displayName: 'X' })).status).toBe(404);
    expect((await t.http.put(`/api/users/${rep.id}`).set('authorization', manager.auth).send({ displayName: 'X' })).status).toBe(403);
    expect((await t.services.users.findById(rep.id))?.displayName).not.toBe('X');
  });
});
