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

const post = (body: Record<string, unknown>, auth = t.admin) => t.http.post('/api/leads').set('authorization', auth).send(body);

describe('territories', () => {
  it('are validated against the bundled division dataset, and named', async () => {
    const teamId = await t.team('Nanshan Direct');
    const bad = await t.http.put(`/api/teams/${teamId}/territories`).set('authorization', t.admin).send({ territories: [{ regions: ['440305', '449999'] }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: '/territories/0/regions/1', code: 'division' })]);
    expect((await t.http.put(`/api/teams/${teamId}/territories`).set('authorization', t.admin).send({ territories: [{ regions: ['4403'] }] })).status).toBe(200);
    const team = await t.http.get(`/api/teams/${teamId}`).set('authorization', t.admin);
    expect(team.body.territories[0].regionNames).toEqual(['广东省 · 深圳市']);
    expect((await t.http.get('/api/divisions/440305').set('authorization', t.admin)).body.name).toBe('广东省 · 深圳市 · 南山区');
    // The picker's tree: provinces hold cities, cities hold districts, every code a division.
    const rep = await t.user('picker.rep', 'rep', [teamId]);
    const tree = await t.http.get('/api/divisions').set('authorization', rep.auth);
    expect(tree.status).toBe(200);
    const guangdong = tree.body.divisions.find((d: { code: string }) => d.code === '44');
    expect(guangdong.name).toBe('广东省');
    expect(guangdong.children.find((c: { code: string }) => c.code === '4403').children).toContainEqual(expect.objectContaining({ code: '440305', name: '南山区', en: 'Nanshan District' }));
    expect((await t.http.get('/api/divisions')).status).toBe(401);
  });

  it('route to the most specific team: a district beats its city, a narrowed territory beats a plain one', async () => {
    const city = await teamWith(t, 'Shenzhen City', [{ regions: ['4403'] }], [{ role: 'inside', capacity: 10 }]);
    const district = await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 10 }]);
    const retail = await teamWith(t, 'Nanshan Retail', [{ regions: ['440305'], industries: ['retail'] }], [{ role: 'inside', capacity: 10 }]);
    const [a, b, c] = companyNames(3, 7);
    const first = await post(lead(a!, { region: '440304' }));
    expect(first.body.assignment.claim?.team, JSON.stringify(first.body)).toBe(city.teamId);
    expect((await post(lead(b!))).body.assignment.claim.team).toBe(district.teamId);
    expect((await post(lead(c!, { industry: 'retail' }))).body.assignment.claim.team).toBe(retail.teamId);
  });
});

describe('leads', () => {
  it('are validated, with the path of each bad field and an unknown district named', async () => {
    const response = await post({ companyName: 'x', region: '449999', type: 'firm', employees: -1, industry: 'technology', extra: 1 });
    expect(response.status).toBe(422);
    expect(response.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/companyName', '/employees', '/extra', '/type']);
    const district = await post(lead('瑞泰通宏科技有限公司', { region: '449999' }));
    expect(district.status).toBe(422);
    expect(district.body.error.details).toEqual([expect.objectContaining({ path: '/region', code: 'division' })]);
    expect((await t.http.get('/api/assignment/queue').set('authorization', t.admin)).body.queue).toEqual([]);
  });

  it('that duplicate a stored customer are refused with the match', async () => {
    await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 10 }]);
    expect((await post(lead('深圳市瑞泰通宏科技有限公司'))).status).toBe(201);
    const again = await post(lead('瑞泰通宏科技（深圳）有限公司'));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('duplicate');
  });

  it('are for managers and admins, not reps', async () => {
    const team = await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 10 }]);
    const rep = await t.user('lone.rep', 'rep', [team.teamId]);
    expect((await post(lead('瑞泰通宏科技有限公司'), rep.auth)).status).toBe(403);
    expect((await post(lead('瑞泰通宏科技有限公司'), team.manager.auth)).status).toBe(201);
  });
});

describe('the review queue', () => {
  it('takes what no team covers or a full team cannot take, highest priority first, and a retry routes it', async () => {
    const [low, high, full] = companyNames(3, 11);
    // 西藏 is covered by no territory and no region rule.
    const unrouted = await post(lead(low!, { region: '540102', employees: 10, grade: 'D' }));
    expect(unrouted.status).toBe(201);
    expect(unrouted.body.assignment).toMatchObject({ status: 'queued', queue: 'unrouted' });
    await post(lead(high!, { region: '540102', grade: 'A', timeframe: '1m', potentialValue: 2_000_000 }));
    const team = await teamWith(t, 'Nanshan Direct', [{ regions: ['440305'] }], [{ role: 'inside', capacity: 0 }, { role: 'field', capacity: 0 }]);
    const queued = await post(lead(full!));
    expect(queued.body.assignment).toMatchObject({ status: 'queued', queue: 'capacity' });
    expect(queued.body.assignment.reason).toMatch(/Nanshan Direct: every available member is at capacity/);
    const queue = (await t.http.get('/api/assignment/queue').set('authorization', t.admin)).body.queue as Array<{ customerName: string; priority: number; reason: string }>;
    expect(queue.map((q) => q.customerName)).toEqual([high, full, low].map((n) => n!));
    expect(queue[0]!.priority).toBeGreaterThan(queue[2]!.priority);

    await t.http.put(`/api/teams/${team.teamId}/members`).set('authorization', team.manager.auth).send({ members: team.memberIds.map((userId, i) => ({ userId, role: i ? 'field' : 'inside', capacity: 5, available: true })) });
    const customerId = queued.body.customerId as string;
    const retried = await t.http.post(`/api/assignment/queue/${customerId}/retry`).set('authorization', team.manager.auth);
    expect(retried.body.status).toBe('assigned');
    expect((await t.http.get('/api/assignment/queue').set('authorization', t.admin)).body.queue).toHaveLength(2);
  });
});
