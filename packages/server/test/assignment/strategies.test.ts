import { afterAll, describe, expect, it } from 'vitest';
import { MongoStore } from '../../src/store/mongo/mongoStore.js';
import type { Store } from '../../src/store/collection.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from './assignmentHelpers.js';

// Every strategy under 50 concurrent leads, on every store: the embedded one always, MongoDB when MONGODB_URI is set.
const MONGODB_URI = process.env['MONGODB_URI'];
if (!MONGODB_URI) console.log('assignment strategies: MongoDB skipped: set MONGODB_URI to run them against a MongoDB server too');

const stores: Array<{ name: string; open: () => Promise<Store | undefined> }> = [
  { name: 'embedded', open: async () => undefined },
  { name: 'mongodb', open: async () => MongoStore.connect(MONGODB_URI!, `crm_policy_assign_${process.pid}_${Date.now()}`) },
];

describe.each(stores)('balancing on the $name store', ({ name, open }) => {
  const apps: TestApp[] = [];
  const fresh = async () => {
    const store = await open();
    const t = await createTestApp(store ? { store } : {});
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    for (const t of apps) {
      if (t.store instanceof MongoStore) await t.store.dropDatabase();
      await t.store.close();
    }
  });
  const skip = name === 'mongodb' && !MONGODB_URI;
  const concurrently = (t: TestApp, leads: Array<Record<string, unknown>>) => Promise.all(leads.map((body) => t.http.post('/api/leads').set('authorization', t.admin).send(body)));

  it.skipIf(skip)('capacity: 50 concurrent leads never take a member over capacity; the rest queue with the reason', async () => {
    const t = await fresh();
    // Government customers go to Public Sector: dedicated owners, capacity strategy.
    const team = await teamWith(t, 'Public Sector', [], [
      { role: 'inside', capacity: 3 },
      { role: 'inside', capacity: 4 },
      { role: 'field', capacity: 5 },
      { role: 'field', capacity: 5 },
      { role: 'field', capacity: 9, available: false },
    ]);
    const responses = await concurrently(t, companyNames(50, 3).map((n) => lead(n, { industry: 'government' })));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const results = responses.map((r) => r.body.assignment);
    expect(results.filter((r) => r.status === 'assigned')).toHaveLength(7);
    expect(results.filter((r) => r.status === 'queued').every((r) => r.queue === 'capacity' && /inside-sales member is at capacity/.test(r.reason))).toBe(true);
    const balance = (await t.http.get(`/api/teams/${team.teamId}/balance`).set('authorization', team.manager.auth)).body;
    expect(balance.members.map((m: { active: number }) => m.active)).toEqual([3, 4, expect.any(Number), expect.any(Number), 0]);
    for (const m of balance.members) expect(m.active).toBeLessThanOrEqual(m.capacity);
    // The counters agree with the claims themselves.
    for (const [i, id] of team.memberIds.entries()) {
      expect(await t.services.claims.claims.countDocuments({ status: 'active', ownerIds: id })).toBe(balance.members[i].active);
    }
    expect((await t.http.get('/api/assignment/queue?limit=500').set('authorization', t.admin)).body.queue).toHaveLength(43);
  });

  it.skipIf(skip)('round-robin: 50 concurrent leads take turns in order, two co-owners each, skipping members on leave', async () => {
    const t = await fresh();
    const team = await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [
      { role: 'inside', capacity: 100 },
      { role: 'field', capacity: 100 },
      { role: 'inside', capacity: 100, available: false },
      { role: 'inside', capacity: 100 },
      { role: 'field', capacity: 100 },
      { role: 'inside', capacity: 100 },
    ]);
    const responses = await concurrently(t, companyNames(50, 5).map((n) => lead(n)));
    const claims = responses.map((r) => r.body.assignment.claim as { owners: Array<{ repId: string; role: string }>; assignment: { turns: number[]; strategy: string; ownership: string } });
    const inTurn = team.memberIds.filter((_, i) => i !== 2);
    const turns = claims.flatMap((claim) => claim.assignment.turns);
    expect(turns.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (const claim of claims) {
      expect(claim.assignment).toMatchObject({ strategy: 'round-robin', ownership: 'shared' });
      expect(claim.owners.map((o) => o.repId)).toEqual(claim.assignment.turns.map((turn) => inTurn[turn % inTurn.length]));
      expect(claim.owners.every((o) => o.role === 'co-owner')).toBe(true);
    }
    const balance = (await t.http.get(`/api/teams/${team.teamId}/balance`).set('authorization', t.admin)).body;
    expect(balance.members.map((m: { active: number }) => m.active)).toEqual([20, 20, 0, 20, 20, 20]);
  });

  it.skipIf(skip)('least-loaded: the member with the lightest grade-weighted load gets the next customer', async () => {
    const t = await fresh();
    // Large companies in a team's territory: dedicated owners, least-loaded.
    const team = await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [
      { role: 'inside', capacity: 100 },
      { role: 'inside', capacity: 100 },
      { role: 'field', capacity: 100 },
    ]);
    const names = companyNames(4, 9);
    const first = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(names[0]!, { employees: 2000, grade: 'A' }));
    const firstInside = first.body.assignment.claim.owners.find((o: { role: string }) => o.role === 'inside').repId;
    const other = team.memberIds.find((id, i) => i < 2 && id !== firstInside)!;
    // Two D customers (weight 1 each) still weigh less than one A (weight 4): both go to the other inside member.
    for (const n of names.slice(1, 3)) {
      const response = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(n, { employees: 2000, grade: 'D' }));
      expect(response.body.assignment.owners.find((o: { role: string }) => o.role === 'inside').repId).toBe(other);
    }
    const concurrent = await concurrently(t, companyNames(50, 13).map((n) => lead(n, { employees: 5000, grade: 'B' })));
    expect(concurrent.every((r) => r.body.assignment.status === 'assigned')).toBe(true);
    const balance = (await t.http.get(`/api/teams/${team.teamId}/balance`).set('authorization', t.admin)).body;
    const [a, b] = balance.members;
    // Least-loaded under concurrency: the two inside members end within one B customer (weight 3) of each other, give or take the in-flight picks.
    expect(a.active + b.active).toBe(53);
    expect(Math.abs(a.weighted - b.weighted)).toBeLessThanOrEqual(3 * 10);
  });
});
