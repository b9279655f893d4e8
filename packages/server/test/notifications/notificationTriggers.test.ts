import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { lead, teamWith } from '../assignment/assignmentHelpers.js';

// Each domain event that concerns someone puts a notification in their inbox, in words and names.
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

interface Note {
  kind: string;
  title: string;
  body: string;
  read: boolean;
}

/** The dispatcher's pass (the scheduler runs it every second), then the person's inbox in a language. */
async function inboxOf(who: { auth: string }, language = 'zh-CN'): Promise<Note[]> {
  await t.services.webhookDispatcher.tick();
  const response = await t.http.get('/api/notifications').set('authorization', who.auth).set('accept-language', language);
  expect(response.status).toBe(200);
  return response.body.notifications as Note[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/;

describe('appeals', () => {
  it('tell the holder’s manager an appeal waits, and the appellant the verdict, in her language', async () => {
    const south = await t.team('华南一组');
    const north = await t.team('华北二组');
    const li = await t.user('li.na', 'rep', [south], '李娜');
    const wang = await t.user('wang.qiang', 'rep', [north], '王强');
    const boss = await t.user('south.boss', 'manager', [south], '周敏');
    const northBoss = await t.user('north.boss', 'manager', [north], '赵刚');
    await t.http.post('/api/registrations').set('authorization', li.auth).send(softwareCustomer('深圳市星云数据有限公司'));
    const taken = await t.http.post('/api/registrations').set('authorization', wang.auth).send(softwareCustomer('星雲數據（深圳）有限責任公司'));
    expect(taken.status).toBe(409);
    const appeal = await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId: taken.body.error.collisionId, reason: '客户是我先联系的' });
    expect(appeal.status).toBe(201);

    const waiting = await inboxOf(boss);
    expect(waiting).toEqual([expect.objectContaining({ kind: 'appeal-waiting', title: '「深圳市星云数据有限公司」的申诉等待你裁决', read: false })]);
    expect(waiting[0]!.body).toContain('王强（华北二组）');
    expect(waiting[0]!.body).toContain('客户是我先联系的');
    // Not the holder, nor the appellant's own manager, nor the appellant.
    expect(await inboxOf(li)).toEqual([]);
    expect(await inboxOf(northBoss)).toEqual([]);
    expect(await inboxOf(wang)).toEqual([]);

    expect((await t.http.post(`/api/appeals/${appeal.body._id}/decision`).set('authorization', boss.auth).send({ verdict: 'different-companies', comment: '不同公司' })).status).toBe(200);
    const [decided, ...more] = await inboxOf(wang);
    expect(more).toEqual([]);
    expect(decided).toMatchObject({ kind: 'appeal-decided', title: '你对「深圳市星云数据有限公司」的申诉已裁决' });
    expect(decided!.body).toBe('周敏判定为两家不同的公司，你的登记已作为新客户归你（不同公司）。');
    const [english] = await inboxOf(wang, 'en');
    expect(english).toMatchObject({ title: 'Your appeal for “深圳市星云数据有限公司” was decided' });
    expect(english!.body).toBe('周敏 ruled them two different companies: your registration is now a customer of yours (不同公司).');
    for (const note of [...waiting, decided!, english!]) expect(`${note.title}${note.body}`).not.toMatch(UUID);
    // Handling the events again (another pass, a restart) adds nothing.
    await t.services.webhookDispatcher.tick();
    expect(await inboxOf(wang)).toHaveLength(1);
  });
});

describe('protection ending', () => {
  it('tells the holder the policy’s remindDaysBefore ahead, once, with the date', async () => {
    const team = await t.team('华南一组');
    const li = await t.user('li.na', 'rep', [team], '李娜');
    const granted = await t.http.post('/api/registrations').set('authorization', li.auth).send(softwareCustomer('深圳市海川科技有限公司'));
    expect(granted.status).toBe(201);
    const { expiresAt, remindDaysBefore, dealDeadline } = granted.body.claim as { expiresAt: string; remindDaysBefore: number; dealDeadline?: string };
    expect(remindDaysBefore).toBeGreaterThan(0);
    const lapse = dealDeadline && dealDeadline < expiresAt ? dealDeadline : expiresAt;
    // Tokens last an hour: whoever acts after the clock moved signs in again.
    const runJobs = async () => t.http.post('/api/jobs/expire-claims').set('authorization', await t.login('admin', 'admin-password-for-tests'));
    const liNow = async () => ({ auth: await t.login('li.na', 'li.na-password') });

    // A day before the reminder is due: nothing.
    t.clock.now = new Date(Date.parse(lapse) - (remindDaysBefore + 1) * 86_400_000);
    expect((await runJobs()).body.reminded).toBe(0);
    expect(await inboxOf(await liNow())).toEqual([]);

    t.clock.now = new Date(Date.parse(lapse) - (remindDaysBefore - 1) * 86_400_000);
    expect((await runJobs()).body.reminded).toBe(1);
    expect((await runJobs()).body.reminded).toBe(0);
    const notes = await inboxOf(await liNow());
    const date = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date(lapse));
    expect(notes).toEqual([expect.objectContaining({ kind: 'protection-ending', title: '「深圳市海川科技有限公司」的保护期即将结束' })]);
    expect(notes[0]!.body).toContain(date);
    expect((await inboxOf(await liNow(), 'en'))[0]!.title).toBe('Protection of “深圳市海川科技有限公司” ends soon');
  });
});

describe('assignment', () => {
  it('tells owners of a customer assigned to them, the receiving manager of a reassignment waiting, and the new owners of the move', async () => {
    const city = await teamWith(t, 'Shenzhen Direct', [{ regions: ['4403'] }], [{ role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }]);
    const other = await teamWith(t, 'Guangzhou Direct', [{ regions: ['4401'] }], [{ role: 'inside', capacity: 100 }, { role: 'field', capacity: 100 }]);
    const signIn = async (slug: string, i: number) => ({ auth: await t.login(`${slug}-m${i}`, `${slug}-m${i}-password`) });
    const assigned = await t.http.post('/api/leads').set('authorization', t.admin).send(lead('博创达丰科技有限公司', { employees: 2000 }));
    expect(assigned.status).toBe(201);
    expect(assigned.body.assignment.claim.team).toBe(city.teamId);
    const cityInside = await signIn('shenzhen-direct', 0);
    expect(await inboxOf(cityInside)).toEqual([expect.objectContaining({ kind: 'customer-assigned', title: '新客户「博创达丰科技有限公司」分配给你' })]);

    const proposed = await t.http.post('/api/reassignments').set('authorization', city.manager.auth).send({ kind: 'customer', customerId: assigned.body.customerId, toTeamId: other.teamId });
    expect(proposed.status).toBe(201);
    const waiting = await inboxOf(other.manager);
    expect(waiting).toEqual([expect.objectContaining({ kind: 'reassignment-waiting', title: '一项重新分配等待你审批' })]);
    expect(waiting[0]!.body).toContain('客户「博创达丰科技有限公司」转到Guangzhou Direct');
    // The proposer is not told of their own proposal.
    expect(await inboxOf(city.manager)).toEqual([]);

    expect((await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', other.manager.auth).send({ approve: true, comment: '同意' })).status).toBe(200);
    const moved = await inboxOf(await signIn('guangzhou-direct', 0));
    expect(moved).toEqual([expect.objectContaining({ kind: 'customer-assigned', title: '客户「博创达丰科技有限公司」已转给你' })]);
    expect(moved[0]!.body).toContain('Shenzhen Direct');
    expect(`${moved[0]!.title}${moved[0]!.body}`).not.toMatch(UUID);
    // The former owners hear nothing of a customer leaving them.
    expect(await inboxOf(cityInside)).toHaveLength(1);
  });

  it('tells a rep of a customer her manager transferred to her, and nobody of their own registration', async () => {
    const team = await t.team('华南一组');
    const li = await t.user('li.na', 'rep', [team], '李娜');
    const wang = await t.user('wang.qiang', 'rep', [team], '王强');
    const boss = await t.user('south.boss', 'manager', [team], '周敏');
    const granted = await t.http.post('/api/registrations').set('authorization', li.auth).send(softwareCustomer('深圳市海川科技有限公司'));
    expect(await inboxOf(li)).toEqual([]);
    expect((await t.http.post(`/api/claims/${granted.body.claim._id}/transfer`).set('authorization', boss.auth).send({ toRepId: wang.id, reason: '李娜调岗' })).status).toBe(200);
    expect(await inboxOf(wang)).toEqual([expect.objectContaining({ kind: 'customer-assigned', title: '客户「深圳市海川科技有限公司」已转给你', body: '经理把客户转到了你名下（华南一组）。' })]);
    expect(await inboxOf(li)).toEqual([]);
  });
});
