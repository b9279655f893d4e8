import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from './assignmentHelpers.js';

// A deactivated rep stays listed as a member until the admin edits the team, but assignment gives them nothing more.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.store.close();
});

describe('a deactivated member', () => {
  it('gets no routed customers; the team’s active members get them all, and none once every member is deactivated', async () => {
    const { teamId, memberIds } = await teamWith(t, 'Dongguan Team', [{ regions: ['4419'] }], [{ role: 'inside', capacity: 10 }, { role: 'field', capacity: 10 }]);
    const [active, leaving] = memberIds as [string, string];
    expect((await t.http.post(`/api/users/${leaving}/disable`).set('authorization', t.admin)).status).toBe(200);
    const names = companyNames(4, 19);
    for (const name of names.slice(0, 3)) {
      const routed = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name, { region: '441900' }));
      expect(routed.status, JSON.stringify(routed.body)).toBe(201);
      expect(routed.body.assignment.claim.team).toBe(teamId);
      expect(routed.body.assignment.claim.ownerIds).toEqual([active]);
    }
    expect((await t.http.post(`/api/users/${active}/disable`).set('authorization', t.admin)).status).toBe(200);
    const queued = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(names[3]!, { region: '441900' }));
    expect(queued.body.assignment).toMatchObject({ status: 'queued', why: { code: 'no-members', team: 'Dongguan Team' } });
  });
});
