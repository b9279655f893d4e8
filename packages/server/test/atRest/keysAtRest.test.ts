import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook, WEBHOOK_HEADERS } from '../../src/domain/events/webhookSignature.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { creditReport, leadCustomers } from '../credit/creditHelpers.js';
import { receiver } from '../events/webhookReceiver.js';
import type { Receiver } from '../events/webhookReceiver.js';

// Webhook signing secrets and credit reports are sealed in the store when DATA_KEY is set.
const KEY = randomBytes(32).toString('base64');
const COMPANY = '保密测试科技有限公司'; // appears only inside the report's contents

let t: TestApp | undefined;
let hook: Receiver | undefined;
afterEach(async () => {
  await hook?.close();
  await t?.store.close();
  t = hook = undefined;
});

/** Everything the embedded store has written to disk. */
function filesOf(dir: string): string {
  return readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8')).join('\n');
}

/** A webhook to a live receiver and one assessed customer with an uploaded report: answers the secret, the customer and the assessment. */
async function fill(app: TestApp): Promise<{ secret: string; customerId: string; assessmentId: string }> {
  hook = await receiver(() => 200);
  const created = await app.http.post('/api/webhooks').set('authorization', app.admin).send({ url: hook.url, events: ['credit.assessed'] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const [customerId] = await leadCustomers(app, 1, 'technology', 301);
  const assessed = await app.http.post(`/api/customers/${customerId}/credit-assessments`).set('authorization', app.admin).send({ requestedLimit: 300_000, report: creditReport({ score: 800, name: COMPANY }) });
  expect(assessed.status, JSON.stringify(assessed.body)).toBe(201);
  // A report supplied by hand waits for someone else: finance approves it, and the account is in force.
  const finance = await app.user('fiona.cw', 'finance', []);
  const approved = await app.http.post(`/api/credit-assessments/${assessed.body._id}/decision`).set('authorization', finance.auth).send({ approve: true, comment: '核对过报告' });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return { secret: created.body.secret as string, customerId: customerId!, assessmentId: assessed.body._id as string };
}

/** The raw documents, read from the store and not through the repositories. */
async function raw(app: TestApp) {
  return { webhooks: await app.store.collection('webhooks').find({}), assessments: await app.store.collection('creditAssessments').find({}) };
}

/** Delivers what is due and checks the receiver's last delivery against the secret. */
async function deliveredSignedWith(app: TestApp, secret: string): Promise<boolean> {
  await app.services.webhookDispatcher.tick();
  const last = hook!.received.at(-1);
  if (!last) return false;
  return verifyWebhook(secret, last.headers[WEBHOOK_HEADERS.timestamp] as string, last.body, last.headers[WEBHOOK_HEADERS.signature] as string, { now: app.clock.now });
}

describe('keys at rest', () => {
  it('with DATA_KEY, the store holds no secret or report in the clear, and the API signs and serves as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-at-rest-'));
    t = await createTestApp({ store: await EmbeddedStore.open(dir), dataKey: KEY });
    const { secret, customerId, assessmentId } = await fill(t);
    const stored = await raw(t);
    expect(stored.webhooks[0]!['secret']).toMatchObject({ enc: 'aes-256-gcm', kid: expect.any(String), iv: expect.any(String), tag: expect.any(String), data: expect.any(String) });
    expect((stored.assessments[0]!['report'] as { content: unknown }).content).toMatchObject({ enc: 'aes-256-gcm' });
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(COMPANY);
    expect(filesOf(dir)).not.toContain(secret);
    expect(filesOf(dir)).not.toContain(COMPANY);

    expect(await deliveredSignedWith(t, secret)).toBe(true);
    const served = await t.http.get(`/api/credit-assessments/${assessmentId}`).set('authorization', t.admin);
    expect(served.body.report.content).toEqual(creditReport({ score: 800, name: COMPANY }));
    // A sector change re-assesses from the stored report, which it reads through the key.
    const raised = await t.http.put('/api/credit/sectors/technology').set('authorization', t.admin).send({ index: 75, comment: 'risk up' });
    expect(raised.status, JSON.stringify(raised.body)).toBe(202);
    await t.services.creditReviews.idle();
    const history = await t.http.get(`/api/customers/${customerId}/credit-assessments`).set('authorization', t.admin);
    // Both made at the test clock's one instant: compared in source order.
    expect(history.body.assessments.map((a: { report: { source: string; content: { company: { name: string } } } }) => [a.report.source, a.report.content.company.name]).sort()).toEqual([
      ['stored', COMPANY],
      ['upload', COMPANY],
    ]);
    // A rotated secret is sealed too, and signs.
    const rotated = await t.http.post(`/api/webhooks/${stored.webhooks[0]!._id}/secret`).set('authorization', t.admin);
    expect(JSON.stringify(await raw(t))).not.toContain(rotated.body.secret);
    expect(rotated.body.secret).not.toBe(secret);
  });

  it('seals the plain values of a store when a key is added, and then refuses to start without it or with another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-at-rest-'));
    t = await createTestApp({ store: await EmbeddedStore.open(dir) });
    expect(t.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('DATA_KEY is not set') }));
    const { secret, assessmentId } = await fill(t);
    expect(JSON.stringify(await raw(t))).toContain(secret);
    await t.store.close();

    t = await createTestApp({ store: await EmbeddedStore.open(dir), dataKey: KEY });
    const stored = await raw(t);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(JSON.stringify(stored)).not.toContain(COMPANY);
    expect(t.logger.lines).toContainEqual(expect.objectContaining({ level: 'info', fields: { sealed: 2 } }));
    expect(await deliveredSignedWith(t, secret)).toBe(true);
    expect((await t.http.get(`/api/credit-assessments/${assessmentId}`).set('authorization', t.admin)).body.report.content.company.name).toBe(COMPANY);
    await t.store.close();
    t = undefined;
    // Sealing took a checkpoint: the plain copies written before the key are gone from disk too.
    expect(filesOf(dir)).not.toContain(secret);
    expect(filesOf(dir)).not.toContain(COMPANY);

    const without = await EmbeddedStore.open(dir);
    await expect(createTestApp({ store: without })).rejects.toThrow(/encrypted values \(webhooks\.secret\) and DATA_KEY is not set/);
    await without.close();
    const other = await EmbeddedStore.open(dir);
    await expect(createTestApp({ store: other, dataKey: randomBytes(32).toString('hex') })).rejects.toThrow(/DATA_KEY is not the key the store's values were encrypted with/);
    await other.close();
    const malformed = await EmbeddedStore.open(dir);
    await expect(createTestApp({ store: malformed, dataKey: 'not-a-key' })).rejects.toThrow(/DATA_KEY must be 32 bytes/);
    await malformed.close();
  });
});
