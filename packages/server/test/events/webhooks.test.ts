import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/domain/events/webhookSignature.js';
import type { DispatcherOptions } from '../../src/domain/events/webhookDispatcher.js';
import { ADMIN_PASSWORD, createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead, teamWith } from '../assignment/assignmentHelpers.js';
import { receiver } from './webhookReceiver.js';

let t: TestApp;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await t.store.close();
});

async function setUp(options?: DispatcherOptions) {
  t = await createTestApp(options ? { webhooks: options } : {});
  const team = await teamWith(t, 'Shenzhen City', [{ regions: ['4403'] }], [
    { role: 'inside', capacity: 100 },
    { role: 'inside', capacity: 100 },
    { role: 'field', capacity: 100 },
  ]);
  return team;
}

async function subscribe(url: string, events = ['assignment.changed']): Promise<{ id: string; secret: string }> {
  const created = await t.http.post('/api/webhooks').set('authorization', t.admin).send({ url, events, description: 'CRM bridge' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.webhook._id, secret: created.body.secret };
}

function later(seconds: number) {
  t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
}

describe('webhook deliveries', () => {
  it('post a signed assignment.changed naming the old and new owners', async () => {
    const team = await setUp();
    const hook = await receiver(() => 200);
    cleanups.push(hook.close);
    const { id, secret } = await subscribe(hook.url);
    expect(secret).toMatch(/^whsec_/);

    const [name] = companyNames(1, 71);
    const routed = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name!, { employees: 2000 }));
    expect(routed.status, JSON.stringify(routed.body)).toBe(201);
    await t.services.webhookDispatcher.tick();

    expect(hook.received).toHaveLength(1);
    const first = hook.received[0]!;
    const timestamp = first.headers[WEBHOOK_HEADERS.timestamp] as string;
    expect(verifyWebhook(secret, timestamp, first.body, first.headers[WEBHOOK_HEADERS.signature] as string, { now: t.clock.now })).toBe(true);
    expect(verifyWebhook('whsec_wrong', timestamp, first.body, first.headers[WEBHOOK_HEADERS.signature] as string, { now: t.clock.now })).toBe(false);
    expect(verifyWebhook(secret, timestamp, first.body.replace('Shenzhen', 'Beijing'), first.headers[WEBHOOK_HEADERS.signature] as string, { now: t.clock.now })).toBe(false);
    const event = JSON.parse(first.body);
    expect(event.type).toBe('assignment.changed');
    expect(first.headers[WEBHOOK_HEADERS.event]).toBe('assignment.changed');
    expect(event.data.from).toBeNull();
    expect(event.data.to.team).toBe(team.teamId);
    const newOwners = (event.data.to.owners as Array<{ repId: string }>).map((o) => o.repId);
    expect(event.data.notify).toEqual(newOwners);

    // The whole book of the first owner moves: the event names both the leaving and the receiving owners.
    const leaving = newOwners.find((owner) => team.memberIds.slice(0, 2).includes(owner))!;
    const proposed = await t.http.post('/api/reassignments').set('authorization', team.manager.auth).send({ kind: 'book', repId: leaving });
    const approved = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', t.admin).send({ approve: true, comment: 'on leave' });
    expect(approved.body.result).toMatchObject({ moved: 1, queued: 0 });
    await t.services.webhookDispatcher.tick();
    expect(hook.received).toHaveLength(2);
    const moved = JSON.parse(hook.received[1]!.body);
    expect(moved.data.proposalId).toBe(proposed.body._id);
    expect(moved.data.notify).toContain(leaving);
    const receiving = (moved.data.to.owners as Array<{ repId: string }>).map((o) => o.repId).find((owner) => owner !== leaving && !newOwners.includes(owner));
    expect(receiving).toBeDefined();
    expect(moved.data.notify).toContain(receiving);

    const deliveries = await t.http.get(`/api/webhooks/${id}/deliveries`).set('authorization', t.admin);
    expect(deliveries.body.deliveries.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
    // Nothing is sent twice.
    await t.services.webhookDispatcher.tick();
    expect(hook.received).toHaveLength(2);
  });

  it('retry with a doubling delay after failures, then deliver', async () => {
    await setUp({ firstRetryMs: 30_000 });
    const hook = await receiver((n) => (n <= 2 ? 503 : 200));
    cleanups.push(hook.close);
    const { id } = await subscribe(hook.url);
    await t.http.post('/api/leads').set('authorization', t.admin).send(lead(companyNames(1, 72)[0]!, { employees: 2000 }));

    await t.services.webhookDispatcher.tick();
    let [delivery] = (await t.http.get(`/api/webhooks/${id}/deliveries`).set('authorization', t.admin)).body.deliveries;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(delivery.nextAttemptAt) - t.clock.now.getTime()).toBe(30_000);
    expect(delivery.history[0]).toMatchObject({ status: 503, error: 'answered 503' });

    await t.services.webhookDispatcher.tick();
    expect(hook.received).toHaveLength(1); // not due yet
    later(30);
    await t.services.webhookDispatcher.tick();
    [delivery] = (await t.http.get(`/api/webhooks/${id}/deliveries`).set('authorization', t.admin)).body.deliveries;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(delivery.nextAttemptAt) - t.clock.now.getTime()).toBe(60_000);
    later(60);
    await t.services.webhookDispatcher.tick();
    [delivery] = (await t.http.get(`/api/webhooks/${id}/deliveries?status=delivered`).set('authorization', t.admin)).body.deliveries;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(delivery.history.map((a: { status: number }) => a.status)).toEqual([503, 503, 200]);
    // Every attempt carried the same delivery id, so a receiver can drop repeats.
    expect(new Set(hook.received.map((r) => r.headers[WEBHOOK_HEADERS.delivery])).size).toBe(1);
  });

  it('give up on a receiver that never answers after a day, and an admin can replay', async () => {
    await setUp({ timeoutMs: 200, firstRetryMs: 3_600_000 });
    let hang = true;
    const hook = await receiver(() => (hang ? 'hang' : 200));
    cleanups.push(hook.close);
    const { id } = await subscribe(hook.url, ['*']);
    await t.user('rep1', 'rep', [await t.team('Elsewhere')]);
    await t.http.post('/api/leads').set('authorization', t.admin).send(lead(companyNames(1, 73)[0]!, { employees: 2000 }));

    for (let hour = 0; hour < 30; hour += 1) {
      await t.services.webhookDispatcher.tick();
      later(3600);
    }
    t.admin = await t.login('admin', ADMIN_PASSWORD); // a day later, the morning's sign-in has expired
    let [delivery] = (await t.http.get(`/api/webhooks/${id}/deliveries`).set('authorization', t.admin)).body.deliveries;
    expect(delivery.status).toBe('failed');
    // Hourly retries (the delay is capped at an hour): at 0 h, 1 h … 24 h, then no more.
    expect(delivery.attempts).toBe(25);
    // The history says only that nothing answered (no duration); the operator's log says why.
    expect(delivery.history.at(-1)).toEqual({ at: expect.any(String), error: 'receiver unreachable' });
    expect(t.logger.lines.at(-1)?.fields).toMatchObject({ error: 'receiver unreachable', reason: expect.stringContaining('no answer within 200 ms') });

    const forbidden = await t.http.post(`/api/webhook-deliveries/${delivery._id}/replay`).set('authorization', await t.login('rep1', 'rep1-password'));
    expect(forbidden.status).toBe(403);
    hang = false;
    const replayed = await t.http.post(`/api/webhook-deliveries/${delivery._id}/replay`).set('authorization', t.admin);
    expect(replayed.status).toBe(202);
    await t.services.webhookDispatcher.tick();
    [delivery] = (await t.http.get(`/api/webhooks/${id}/deliveries`).set('authorization', t.admin)).body.deliveries;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 26 });
  });

  it('survive a crash between steps without losing or doubling a delivery', async () => {
    await setUp();
    const hook = await receiver(() => 200);
    cleanups.push(hook.close);
    await subscribe(hook.url);
    await t.http.post('/api/leads').set('authorization', t.admin).send(lead(companyNames(1, 74)[0]!, { employees: 2000 }));
    const dispatcher = t.services.webhookDispatcher;
    expect(await dispatcher.fanOut()).toBe(1);
    // As if the process died after creating the delivery but before moving its cursor past the event.
    await t.services.outbox.cursors.updateOne({ _id: 'webhooks' }, { $set: { after: '' } });
    expect(await dispatcher.fanOut()).toBe(0);
    expect(await dispatcher.deliveries.countDocuments({})).toBe(1);
    // As if it died while posting: once the lock runs out, another pass takes the delivery over.
    await dispatcher.deliveries.updateMany({}, { $set: { status: 'delivering', lockedUntil: t.clock.now.toISOString() } });
    expect(await dispatcher.deliverDue()).toBe(0);
    later(1);
    expect(await dispatcher.deliverDue()).toBe(1);
    expect(hook.received).toHaveLength(1);
    expect((await dispatcher.deliveries.findOne({}))?.status).toBe('delivered');
  });

  it('cancel deliveries of a removed endpoint, and never show a secret again', async () => {
    await setUp();
    const hook = await receiver(() => 200);
    cleanups.push(hook.close);
    const { id, secret } = await subscribe(hook.url);
    const listed = await t.http.get('/api/webhooks').set('authorization', t.admin);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.webhooks).toHaveLength(1);
    await t.http.post('/api/leads').set('authorization', t.admin).send(lead(companyNames(1, 75)[0]!, { employees: 2000 }));
    await t.services.webhookDispatcher.fanOut();
    expect((await t.http.delete(`/api/webhooks/${id}`).set('authorization', t.admin)).status).toBe(204);
    await t.services.webhookDispatcher.tick();
    expect(hook.received).toHaveLength(0);
    expect((await t.services.webhookDispatcher.deliveries.findOne({}))?.status).toBe('cancelled');
  });

  it('refuse bad endpoints with the field’s path, and non-admins', async () => {
    t = await createTestApp();
    const bad = async (body: Record<string, unknown>) => (await t.http.post('/api/webhooks').set('authorization', t.admin).send(body)).body.error;
    expect(await bad({ url: 'not a url', events: ['assignment.changed'] })).toMatchObject({ code: 'invalid', details: [{ path: '/url' }] });
    expect(await bad({ url: 'ftp://example.com/x', events: ['assignment.changed'] })).toMatchObject({ code: 'invalid', details: [{ path: '/url' }] });
    expect(await bad({ url: 'https://user:pw@example.com/x', events: ['assignment.changed'] })).toMatchObject({ code: 'invalid', details: [{ path: '/url' }] });
    expect(await bad({ url: 'https://example.com/x', events: ['assignment.changed', 'claim.exploded'] })).toMatchObject({ code: 'invalid', details: [{ path: '/events/1' }] });
    expect(await bad({ url: 'https://example.com/x', events: [] })).toMatchObject({ code: 'invalid', details: [{ path: '/events' }] });
    expect(await bad({ url: 'https://example.com/x', events: ['*'], secret: 'mine' })).toMatchObject({ code: 'invalid', details: [{ path: '/secret' }] });
    const rep = await t.user('rep1', 'rep', [await t.team('Elsewhere')]);
    expect((await t.http.get('/api/webhooks').set('authorization', rep.auth)).status).toBe(403);
    expect((await t.http.post('/api/webhooks').set('authorization', rep.auth).send({ url: 'https://example.com/x', events: ['*'] })).status).toBe(403);
    expect((await t.http.get('/api/webhooks/nope/deliveries?status=lost').set('authorization', t.admin)).status).toBe(400);
    expect((await t.http.get('/api/webhooks/nope/deliveries').set('authorization', t.admin)).status).toBe(404);
    expect(await t.services.webhooks.endpoints.countDocuments({})).toBe(0);
  });
});
