import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from './assignmentHelpers.js';

// Every proposal kind × proposer × decider: who may decide, and that a refusal changes nothing.
// A decision is tried as a rejection (the check is the same for approval), so one proposal serves one decider.

let t: TestApp;
let south: Awaited<ReturnType<typeof teamWith>>;
let east: Awaited<ReturnType<typeof teamWith>>;
let north: Awaited<ReturnType<typeof teamWith>>;
const people: Record<string, string> = {};
let southCustomer: string;

beforeAll(async () => {
  t = await createTestApp();
  south = await teamWith(t, 'South', [{ regions: ['4403'] }], [{ role: 'inside', capacity: 100 }, { role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }, { role: 'field', capacity: 100 }]);
  east = await teamWith(t, 'East', [{ regions: ['31'] }], [{ role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }]);
  north = await teamWith(t, 'North', [{ regions: ['11'] }], [{ role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }]);
  for (const name of companyNames(3, 91)) {
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name, { employees: 2000 }));
    expect(created.body.assignment.claim.team).toBe(south.teamId);
    southCustomer = created.body.customerId;
  }
  Object.assign(people, {
    admin: t.admin,
    'other admin': (await t.user('second-admin', 'admin', [])).auth,
    'south manager': south.manager.auth,
    'second south manager': (await t.user('south-deputy', 'manager', [south.teamId])).auth,
    'east manager': east.manager.auth,
    'north manager': north.manager.auth,
    'east rep': (await t.user('east-rep', 'rep', [east.teamId])).auth,
  });
});
afterAll(async () => {
  await t.store.close();
});

type Kind = 'customer to East' | 'book to East' | 'book within South' | 'territory: East takes 440305' | 'territory: East moves nobody';
const inputs: Record<Kind, () => Record<string, unknown>> = {
  'customer to East': () => ({ kind: 'customer', customerId: southCustomer, toTeamId: east.teamId }),
  'book to East': () => ({ kind: 'book', repId: south.memberIds[0], toTeamId: east.teamId }),
  'book within South': () => ({ kind: 'book', repId: south.memberIds[0] }),
  'territory: East takes 440305': () => ({ kind: 'territory', teamId: east.teamId, territories: [{ regions: ['31', '440305'] }] }),
  'territory: East moves nobody': () => ({ kind: 'territory', teamId: east.teamId, territories: [{ regions: ['11', '31', '44'] }] }),
};

// Per kind and proposer: the status each decider gets (200 decided, 403 refused, 404 not theirs to see).
const matrix: Array<{ kind: Kind; proposer: string; deciders: Record<string, number> }> = [
  { kind: 'customer to East', proposer: 'south manager', deciders: { 'south manager': 403, 'second south manager': 403, 'east manager': 200, 'north manager': 404, 'east rep': 403, admin: 200 } },
  { kind: 'customer to East', proposer: 'admin', deciders: { admin: 403, 'other admin': 200, 'east manager': 200, 'south manager': 403 } },
  { kind: 'book to East', proposer: 'south manager', deciders: { 'south manager': 403, 'east manager': 200, 'north manager': 404, admin: 200 } },
  { kind: 'book within South', proposer: 'south manager', deciders: { 'south manager': 403, 'second south manager': 200, 'east manager': 404, admin: 200 } },
  { kind: 'territory: East takes 440305', proposer: 'east manager', deciders: { 'east manager': 403, 'south manager': 403, 'second south manager': 403, 'north manager': 404, 'east rep': 403, admin: 200 } },
  { kind: 'territory: East takes 440305', proposer: 'admin', deciders: { admin: 403, 'east manager': 403, 'south manager': 403, 'other admin': 200 } },
  { kind: 'territory: East moves nobody', proposer: 'east manager', deciders: { 'east manager': 403, 'south manager': 404, admin: 200 } },
];

describe('who decides a reassignment', () => {
  for (const { kind, proposer, deciders } of matrix) {
    for (const [decider, status] of Object.entries(deciders)) {
      it(`${kind}, proposed by the ${proposer}: the ${decider} gets ${status}`, async () => {
        const proposed = await t.http.post('/api/reassignments').set('authorization', people[proposer]!).send(inputs[kind]());
        expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
        const decided = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', people[decider]!).send({ approve: false, comment: 'checked' });
        expect(decided.status, JSON.stringify(decided.body)).toBe(status);
        const after = await t.services.reassignments.proposals.findOne({ _id: proposed.body._id });
        expect(after?.status).toBe(status === 200 ? 'rejected' : 'proposed');
        if (status !== 200) expect(decided.body.error.code).toBe(status === 403 ? 'forbidden' : 'not-found');
      });
    }
  }
});

describe('a manager’s territory redraw', () => {
  it('cannot take another team’s customers or change a territory without an admin', async () => {
    const proposed = await t.http.post('/api/reassignments').set('authorization', east.manager.auth).send(inputs['territory: East takes 440305']());
    expect(proposed.body.receivingTeams).toEqual([east.teamId]);
    expect(proposed.body.losingTeams).toEqual([south.teamId]);
    const own = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', east.manager.auth).send({ approve: true, comment: 'mine' });
    expect(own.status).toBe(403);
    expect((await t.services.users.teams.findOne({ _id: east.teamId }))?.territories).toEqual([{ regions: ['31'] }]);
    expect(await t.services.claims.claims.countDocuments({ status: 'active', team: east.teamId })).toBe(0);
    // The losing team's manager sees what is proposed against his team.
    expect((await t.http.get(`/api/reassignments/${proposed.body._id}`).set('authorization', south.manager.auth)).status).toBe(200);
  });

  it('that moves nobody is not approved by an empty set of receiving managers', async () => {
    const proposed = await t.http.post('/api/reassignments').set('authorization', east.manager.auth).send(inputs['territory: East moves nobody']());
    expect(proposed.body.receivingTeams).toEqual([]);
    const own = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', east.manager.auth).send({ approve: true, comment: 'nobody moves' });
    expect(own.status).toBe(403);
    expect((await t.services.users.teams.findOne({ _id: east.teamId }))?.territories).toEqual([{ regions: ['31'] }]);
    // A new lead in Beijing still routes to North.
    const [name] = companyNames(1, 97);
    const routed = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name!, { region: '110108', employees: 2000 }));
    expect(routed.body.assignment.claim.team).toBe(north.teamId);
    // The Beijing lead changed what the redraw would do: proposed again, an admin may approve it, and the territory changes.
    const again = await t.http.post('/api/reassignments').set('authorization', east.manager.auth).send(inputs['territory: East moves nobody']());
    const approved = await t.http.post(`/api/reassignments/${again.body._id}/decision`).set('authorization', t.admin).send({ approve: true, comment: 'agreed' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await t.services.users.teams.findOne({ _id: east.teamId }))?.territories).toEqual([{ regions: ['11', '31', '44'] }]);
  });
});
