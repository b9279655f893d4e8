import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

let t: TestApp;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };
let boss: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  const south = await t.team('South');
  [li, wang, boss] = await Promise.all([t.user('li.na', 'rep', [south], '李娜'), t.user('wang.qiang', 'rep', [south], '王强'), t.user('boss', 'manager', [south])]);
});
afterEach(async () => {
  await t.store.close();
});

const register = (auth: string, name: string, extra: Record<string, unknown> = {}) =>
  t.http.post('/api/registrations').set('authorization', auth).send(softwareCustomer(name, { phone: `0755 ${String(Math.floor(Math.random() * 9e7) + 1e7)}`, ...extra }));

/** Stores a customer directly, as an import would: bypassing the registration check. */
async function imported(name: string) {
  const doc = newCustomer({ form: { companyName: name, region: '440305', grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'import', now: '2026-11-01T00:00:00.000Z' });
  await t.services.claims.customers.insertOne(doc);
  return doc._id;
}

describe('duplicate detection settings', () => {
  it('are read by managers and set by admins, with low never above high', async () => {
    expect((await t.http.get('/api/settings/duplicates').set('authorization', boss.auth)).body).toEqual({ high: 0.9, low: 0.75, branchesAreDuplicates: false });
    expect((await t.http.put('/api/settings/duplicates').set('authorization', boss.auth).send({ high: 0.8, low: 0.7, branchesAreDuplicates: false })).status).toBe(403);
    const bad = await t.http.put('/api/settings/duplicates').set('authorization', t.admin).send({ high: 0.7, low: 0.8, branchesAreDuplicates: false });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('/low');
    expect((await t.http.put('/api/settings/duplicates').set('authorization', t.admin).send({ high: 0.8, low: 0.7, branchesAreDuplicates: false })).status).toBe(200);
    await register(li.auth, '深圳市星云科技有限公司');
    const sister = await register(wang.auth, '深圳市星云贸易有限公司');
    expect(sister.status).toBe(409);
  });
});

describe('scan jobs', () => {
  it('run one at a time (the store’s unique index), list newest first, and are marked interrupted when a process stopped mid-scan', async () => {
    for (let i = 0; i < 3; i += 1) await imported(`深圳市星${'云河海'[i]}科技有限公司`);
    const first = await t.http.post('/api/duplicates/scan').set('authorization', t.admin);
    await t.services.duplicateScan.idle();
    expect((await t.http.post('/api/duplicates/scan').set('authorization', boss.auth)).status).toBe(403);
    const list = await t.http.get('/api/duplicates/scans').set('authorization', t.admin);
    expect(list.body.scans).toEqual([expect.objectContaining({ _id: first.body._id, status: 'done', scanned: 3, total: 3 })]);
    expect((await t.http.get('/api/duplicates/scans/nope').set('authorization', t.admin)).status).toBe(404);

    // A scan a stopped process left running does not block the next one.
    await t.services.duplicateScan.reports.insertOne({ _id: 'stale', status: 'running', running: true, startedAt: '2026-11-01T00:00:00.000Z', by: 'x', total: 9, scanned: 4, pairsFound: 0 });
    const blocked = await t.http.post('/api/duplicates/scan').set('authorization', t.admin);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.scanId).toBe('stale');
    await t.services.duplicateScan.prepare();
    expect((await report('stale')).status).toBe('interrupted');
    expect((await t.http.post('/api/duplicates/scan').set('authorization', t.admin)).status).toBe(202);
    await t.services.duplicateScan.idle();
  });
});

describe('review of look-alikes', () => {
  it('lists registrations flagged for review to managers', async () => {
    await register(li.auth, '深圳市星云科技有限公司');
    await register(wang.auth, '深圳市星云贸易有限公司');
    const reviews = await t.http.get('/api/duplicate-reviews').set('authorization', boss.auth);
    expect(reviews.body.reviews).toEqual([expect.objectContaining({ customerName: '深圳市星云贸易有限公司', repName: '王强', matches: [expect.objectContaining({ customerName: '深圳市星云科技有限公司' })] })]);
    expect((await t.http.get('/api/duplicate-reviews').set('authorization', li.auth)).status).toBe(403);
  });
});

const report = async (id: string) => (await t.http.get(`/api/duplicates/scans/${id}`).set('authorization', t.admin)).body;

/** Starts a scan, waits for the background job, and returns its report. */
async function scanned() {
  const started = await t.http.post('/api/duplicates/scan').set('authorization', t.admin);
  expect(started.status).toBe(202);
  expect(started.body.status).toBe('running');
  await t.services.duplicateScan.idle();
  return report(started.body._id);
}

describe('re-scanning stored customers', () => {
  it('reports duplicates already in the data; merging or marking distinct resolves them for good', async () => {
    const a = await imported('深圳市腾飞科技有限公司');
    const b = await imported('深圳騰飛信息技術有限公司');
    const c = await imported('深圳市星云科技有限公司');
    const d = await imported('深圳市星云贸易有限公司');
    await imported('北京腾飞科技有限公司');
    const scan = await scanned();
    expect(scan.status).toBe('done');
    expect(scan.scanned).toBe(5);
    expect(scan.total).toBe(5);
    expect(scan.pairsFound).toBe(2);
    const pairs = (scan.pairs as Array<{ a: { id: string }; b: { id: string }; verdict: string }>).map((p) => [[p.a.id, p.b.id].sort().join('|'), p.verdict]);
    expect(Object.fromEntries(pairs)).toEqual({ [[a, b].sort().join('|')]: 'duplicate', [[c, d].sort().join('|')]: 'review' });

    expect((await t.http.post('/api/duplicates/resolve').set('authorization', t.admin).send({ a: c, b: d, action: 'distinct' })).status).toBe(200);
    const granted = await register(li.auth, '深圳騰飛信息技術有限公司');
    expect(granted.status).toBe(201);
    expect((await t.http.post('/api/duplicates/resolve').set('authorization', t.admin).send({ a, b, action: 'merge' })).status).toBe(200);
    expect(await t.services.claims.customers.findOne({ _id: b })).toBeNull();
    expect((await t.http.get('/api/claims').set('authorization', li.auth)).body.claims[0].customerId).toBe(a);
    // The first report shows both pairs resolved; a new scan finds none.
    expect(Object.fromEntries((await report(scan._id)).pairs.map((p: { verdict: string; resolution: string }) => [p.verdict, p.resolution]))).toEqual({ duplicate: 'merged', review: 'distinct' });
    const again = await scanned();
    expect(again.pairs).toEqual([]);
    // The merged spelling still finds the surviving customer.
    const dup = await register(wang.auth, '深圳騰飛信息技術有限公司');
    expect(dup.status).toBe(409);
    expect((await t.http.post('/api/duplicates/resolve').set('authorization', t.admin).send({ a, b: a, action: 'merge' })).status).toBe(422);
    expect((await t.http.post('/api/duplicates/resolve').set('authorization', t.admin).send({ a, b: 'nope', action: 'merge' })).status).toBe(404);
  });

  it('refuses to merge two customers that are both held', async () => {
    const first = await register(li.auth, '深圳市星云科技有限公司');
    const second = await register(wang.auth, '深圳市星云贸易有限公司');
    const merge = await t.http.post('/api/duplicates/resolve').set('authorization', t.admin).send({ a: first.body.claim.customerId, b: second.body.claim.customerId, action: 'merge' });
    expect(merge.status).toBe(409);
  });
});
