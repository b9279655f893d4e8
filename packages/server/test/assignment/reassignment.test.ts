import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from './assignmentHelpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

interface Move {
  customerId: string;
  to: { team: string; owners: Array<{ repId: string; role: string }> } | null;
  from: { team: string };
}

describe('a territory redraw', () => {
  it('shows its impact first, and execution does exactly that', async () => {
    const city = await teamWith(t, 'Shenzhen City', [{ regions: ['4403'] }], [
      { role: 'inside', capacity: 100 },
      { role: 'inside', capacity: 100 },
      { role: 'field', capacity: 100 },
      { role: 'field', capacity: 100 },
    ]);
    const nanshan = await teamWith(t, 'Nanshan Direct', [{ regions: ['4401'] }], [
      { role: 'inside', capacity: 100 },
      { role: 'inside', capacity: 2 },
      { role: 'field', capacity: 100 },
    ]);
    const names = companyNames(8, 41);
    const created = [];
    for (const [i, name] of names.entries()) {
      const response = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name, { region: i % 2 ? '440304' : '440305', employees: 2000 }));
      expect(response.body.assignment.claim.team).toBe(city.teamId);
      created.push(response.body);
    }
    const nanshanCustomers = created.filter((_, i) => i % 2 === 0).map((c) => c.customerId as string);

    // Nanshan's manager proposes to take district 440305; nothing moves yet.
    const proposed = await t.http.post('/api/reassignments').set('authorization', nanshan.manager.auth).send({ kind: 'territory', teamId: nanshan.teamId, territories: [{ regions: ['4401', '440305'] }] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const impact = proposed.body.impact as { customers: number; moves: Move[]; loads: Array<{ userId: string; before: number; after: number }> };
    expect(impact.customers).toBe(4);
    expect(impact.moves.map((m) => m.customerId).sort()).toEqual([...nanshanCustomers].sort());
    expect(impact.moves.every((m) => m.from.team === city.teamId && m.to?.team === nanshan.teamId)).toBe(true);
    const beforeBalance = (await t.http.get(`/api/teams/${city.teamId}/balance`).set('authorization', t.admin)).body;
    expect(beforeBalance.members.reduce((n: number, m: { active: number }) => n + m.active, 0)).toBe(16);
    expect(await t.services.claims.claims.countDocuments({ team: nanshan.teamId })).toBe(0);
    // The small inside member (capacity 2) takes two; the other inside member the rest.
    const loadAfter = Object.fromEntries(impact.loads.map((l) => [l.userId, l.after]));
    expect(loadAfter[nanshan.memberIds[1]!]).toBe(2);
    expect(loadAfter[nanshan.memberIds[0]!]).toBe(2);
    expect(loadAfter[nanshan.memberIds[2]!]).toBe(4);

    // A redraw is an admin's to approve: neither the proposer nor the giving team's manager can.
    for (const manager of [nanshan.manager, city.manager]) {
      const denied = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', manager.auth).send({ approve: true, comment: 'ok' });
      expect(denied.status).toBe(403);
    }
    expect((await t.services.users.teams.findOne({ _id: nanshan.teamId }))?.territories).toEqual([{ regions: ['4401'] }]);
    const approved = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', t.admin).send({ approve: true, comment: '同意' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'executed', result: { moved: 4, queued: 0 } });

    // What ran is what was shown: every customer's holder and owners, and every member's load.
    for (const move of impact.moves) {
      const holder = await t.services.claims.holderOf(move.customerId);
      expect(holder).toMatchObject({ team: nanshan.teamId, source: 'reassignment', owners: move.to!.owners.map((o) => expect.objectContaining({ repId: o.repId, role: o.role })) });
    }
    const loads = await t.services.claims.workloads.of(impact.loads.map((l) => l.userId));
    for (const line of impact.loads) expect(loads.get(line.userId)?.active, line.userId).toBe(line.after);
    expect((await t.services.users.teams.findOne({ _id: nanshan.teamId }))?.territories).toEqual([{ regions: ['4401', '440305'] }]);
    const audit = (await t.http.get('/api/audit?limit=500').set('authorization', t.admin)).body.entries.filter((e: { action: string }) => e.action === 'assignment.reassigned');
    expect(audit.map((e: { subject: string }) => e.subject).sort()).toEqual([...nanshanCustomers].sort());
    const events = (await t.http.get('/api/events?type=assignment.changed&limit=500').set('authorization', t.admin)).body.events;
    expect(events.filter((e: { data: { proposalId?: string } }) => e.data.proposalId === proposed.body._id)).toHaveLength(4);
    // The proposal stays readable, and cannot run twice.
    expect((await t.http.get(`/api/reassignments/${proposed.body._id}`).set('authorization', nanshan.manager.auth)).body.status).toBe('executed');
    expect((await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', t.admin).send({ approve: true, comment: 'again' })).status).toBe(409);
  });

  it('is refused at approval when the impact changed meanwhile', async () => {
    const city = await teamWith(t, 'Shenzhen City', [{ regions: ['4403'] }], [{ role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }]);
    const other = await teamWith(t, 'Nanshan Direct', [], [{ role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }]);
    const [a, b] = companyNames(2, 43);
    const first = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(a!, { employees: 2000 }));
    const proposed = await t.http.post('/api/reassignments').set('authorization', t.admin).send({ kind: 'territory', teamId: other.teamId, territories: [{ regions: ['440305'] }] });
    expect(proposed.body.impact.customers).toBe(1);
    // Another customer arrives in the district: the plan is no longer the one shown.
    await t.http.post('/api/leads').set('authorization', t.admin).send(lead(b!, { employees: 2000 }));
    const otherAdmin = await t.user('second-admin', 'admin', []);
    const stale = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', otherAdmin.auth).send({ approve: true, comment: 'ok' });
    expect(stale.status).toBe(409);
    expect((await t.http.get(`/api/reassignments/${proposed.body._id}`).set('authorization', t.admin)).body.status).toBe('stale');
    expect((await t.services.claims.holderOf(first.body.customerId))?.team).toBe(city.teamId);
  });

  it('moves a leaving rep’s book to the other members', async () => {
    const team = await teamWith(t, 'Shenzhen City', [{ regions: ['4403'] }], [{ role: 'inside', capacity: 100 }, { role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }]);
    for (const name of companyNames(4, 47)) await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name, { employees: 2000 }));
    const leaving = team.memberIds[0]!;
    const held = await t.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving });
    expect(held).toBe(2);
    const proposed = await t.http.post('/api/reassignments').set('authorization', team.manager.auth).send({ kind: 'book', repId: leaving });
    expect(proposed.body.impact.moves.every((m: Move) => m.to?.owners.every((o) => o.repId !== leaving))).toBe(true);
    const own = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', team.manager.auth).send({ approve: true, comment: 'leaving' });
    expect(own.status).toBe(403);
    const approved = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', t.admin).send({ approve: true, comment: 'leaving' });
    expect(approved.body.result).toMatchObject({ moved: 2, queued: 0 });
    expect(await t.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving })).toBe(0);
  });
});
