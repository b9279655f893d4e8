import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Simulations } from '../../src/domain/policies/simulations.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead } from '../assignment/assignmentHelpers.js';
import { assignmentDraft } from './policyHelpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.services.simulations.close();
  await t.store.close();
});

/** The draft of the hand count: Guangdong energy SMEs to Shenzhen Desk, and East China SME renamed East China Inside. */
function draft() {
  const file = assignmentDraft();
  file.rules.find((r) => r.name === 'sme-east')!.event.params!['team'] = 'East China Inside';
  file.tests = file.tests!.filter((test) => test.expect.outcome?.params?.['team'] !== 'East China SME');
  return file;
}

// Seven leads decided by the published version (recorded with their facts), counted by hand:
// three Guangdong energy SMEs (South China SME → Shenzhen Desk), two Guangdong technology SMEs (unchanged),
// two Shanghai SMEs (East China SME → East China Inside).
const LEADS = [
  { region: '440305', industry: 'energy' },
  { region: '440106', industry: 'energy' },
  { region: '441900', industry: 'energy' },
  { region: '440305', industry: 'technology' },
  { region: '440106', industry: 'technology' },
  { region: '310104', industry: 'retail' },
  { region: '310115', industry: 'technology' },
];

async function history() {
  for (const [i, name] of companyNames(LEADS.length, 301).entries()) {
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name, { ...LEADS[i], employees: 50 }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
}

describe('simulation', () => {
  it('runs two at once: a third start is refused (503 busy) with nothing stored, and taken once one is over', async () => {
    await history();
    expect((await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file: draft(), comment: 'new desk' })).status).toBe(200);
    // The recorded decisions are read only when the gate opens: the jobs stay running until then.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const decisions = t.services.decisionLog.decisions;
    const read = decisions.findJson.bind(decisions);
    vi.spyOn(decisions, 'findJson').mockImplementation(async (filter, options) => {
      await gate;
      return read(filter, options);
    });
    const simulate = () => t.http.post('/api/policies/assignment/simulate').set('authorization', t.admin).send({ sample: { from: '2026-11-01T00:00:00Z', to: '2026-11-24T00:00:00Z' } });
    const [first, second] = await Promise.all([simulate(), simulate()]);
    expect([first.status, second.status]).toEqual([202, 202]);
    const refused = await simulate();
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'busy', running: 2 });
    expect(await t.services.simulations.jobs.countDocuments()).toBe(2);
    open();
    await t.services.simulations.idle();
    const third = await simulate();
    expect(third.status, JSON.stringify(third.body)).toBe(202);
    await t.services.simulations.idle();
    expect((await t.http.get(`/api/simulations/${third.body._id}`).set('authorization', t.admin)).body).toMatchObject({ status: 'done', processed: 7 });
  });

  it('re-decides recorded decisions under the draft, with the transition table counted by hand, and grows the tests from a record', async () => {
    await history();
    const saved = await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file: draft(), comment: 'new desk' });
    expect(saved.body.tests.failed, JSON.stringify(saved.body.tests)).toBe(0);
    const started = await t.http.post('/api/policies/assignment/simulate').set('authorization', t.admin).send({ sample: { from: '2026-11-01T00:00:00Z', to: '2026-11-24T00:00:00Z' } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', total: 7, draft: { version: '1.2.0' }, published: { version: '1.1.0' } });
    await t.services.simulations.idle();
    const done = (await t.http.get(`/api/simulations/${started.body._id}`).set('authorization', t.admin)).body;
    expect(done).toMatchObject({ status: 'done', processed: 7, percent: 100, report: { records: 7, changed: 5, failed: 0 } });
    expect(done.report.transitions).toEqual([
      { from: 'assign South China SME', to: 'assign Shenzhen Desk', count: 3 },
      { from: 'assign East China SME', to: 'assign East China Inside', count: 2 },
    ]);
    expect(done.report.ruleHits.draft).toMatchObject({ 'sme-guangdong-energy': 3, 'sme-south': 2, 'sme-east': 2 });
    expect(done.report.parameterChanges).toEqual([
      { type: 'assign', param: 'team', from: 'South China SME', to: 'Shenzhen Desk', count: 3 },
      { type: 'assign', param: 'team', from: 'East China SME', to: 'East China Inside', count: 2 },
    ]);
    // The records behind one cell of the transition table, and behind one parameter change, paged.
    const changes = (query: string) => t.http.get(`/api/simulations/${started.body._id}/changes?${query}`).set('authorization', t.admin);
    const cell = await changes(`from=${encodeURIComponent('assign East China SME')}&to=${encodeURIComponent('assign East China Inside')}`);
    expect(cell.body.total).toBe(2);
    expect(cell.body.changes.map((c: { draft: { outcome: { params: { team: string } } } }) => c.draft.outcome.params.team)).toEqual(['East China Inside', 'East China Inside']);
    const param = await changes(`param=team&before=${encodeURIComponent('"South China SME"')}&after=${encodeURIComponent('"Shenzhen Desk"')}&limit=2`);
    expect(param.body).toMatchObject({ total: 3 });
    expect(param.body.changes).toHaveLength(2);
    expect((await changes('param=team&before=South')).body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.before' }] });
    expect((await changes('param=$where')).body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.param' }] });
    expect((await changes('from=x')).status).toBe(400);
    expect(done.report.ruleHits.published).toMatchObject({ 'sme-south': 5, 'sme-east': 2 });

    const download = await t.http.get(`/api/simulations/${started.body._id}/changes?format=jsonl`).set('authorization', t.admin);
    expect(download.headers['content-type']).toMatch(/application\/x-ndjson/);
    expect(download.headers['content-disposition']).toMatch(/attachment/);
    const lines = download.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => l.published.explanation.rules.length > 0 && l.draft.explanation.rules.length > 0)).toBe(true);

    // "This record should go to Shenzhen Desk": one step from a simulated record to a test case.
    const record = lines.find((l) => l.draft.outcome.params.team === 'Shenzhen Desk');
    const added = await t.http.post('/api/policies/assignment/draft/tests').set('authorization', t.admin).send({ simulationId: started.body._id, recordId: record.id, name: 'a Dongguan energy SME goes to the desk', comment: 'from the simulation' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.tests.failed).toBe(0);
    expect(added.body.draft.file.tests.at(-1)).toMatchObject({ name: 'a Dongguan energy SME goes to the desk', facts: record.facts, expect: { outcome: { type: 'assign', params: { team: 'Shenzhen Desk' } } } });
    const wrong = await t.http.post('/api/policies/assignment/draft/tests').set('authorization', t.admin).send({ simulationId: started.body._id, recordId: record.id, name: 'should stay south', outcome: record.published.outcome, comment: 'disagree' });
    expect(wrong.body.tests.failed).toBe(1);
    expect((await t.http.post('/api/policies/assignment/draft/tests').set('authorization', t.admin).send({ simulationId: started.body._id, recordId: 'nope', name: 'x', comment: 'x' })).status).toBe(404);
  });

  it('decides in a worker thread, fed a page at a time as it asks, so the event loop turns meanwhile', async () => {
    const facts = { customer: { regionCode: '440305', type: 'company', employees: 40, industry: 'energy' }, productLine: 'crm', territory: { team: null, region: null } };
    const live = t.services.livePolicies.current('assignment');
    const decided = live.policy.decideSync(facts, { explain: false });
    const at = t.clock.now.toISOString();
    await t.services.decisionLog.decisions.insertMany(Array.from({ length: 6000 }, (_, i) => ({ _id: `d${i}`, policy: 'assignment' as const, version: decided.version, versionId: live.versionId, at, facts, outcome: decided.outcome, fired: decided.fired })));
    // Count the records the job has read, and the pages.
    let read = 0;
    let pages = 0;
    const prototype = Simulations.prototype as unknown as { pages: (...args: unknown[]) => AsyncGenerator<string[]> };
    const original = prototype.pages;
    vi.spyOn(prototype, 'pages').mockImplementation(async function* (this: unknown, ...args: unknown[]) {
      for await (const page of original.apply(this, args)) {
        pages += 1;
        read += page.length;
        yield page;
      }
    });
    const admin = { kind: 'user' as const, id: 'test', username: 'test', displayName: 'test', role: 'admin' as const, teams: [] };
    const job = await t.services.simulations.start(admin, 'assignment', draft(), { history: { from: '2026-11-01T00:00:00Z', to: '2026-11-24T00:00:00Z' } });
    const readAtFirstTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(read)));
    await t.services.simulations.idle();
    // Every record once, in pages (6,000 at one instant: the pages' edges skip what was given).
    expect(read).toBe(6000);
    expect(pages).toBeGreaterThan(1);
    expect(readAtFirstTurn).toBeLessThan(6000);
    const done = await t.services.simulations.get(job._id);
    expect(done).toMatchObject({ status: 'done', processed: 6000, report: { records: 6000, changed: 6000 } });
    expect((await t.services.simulations.changed(job._id, 10, 5990)).total).toBe(6000);
  });

  it('simulates an uploaded JSON Lines file, reports a bad line, and can be cancelled', async () => {
    await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file: draft(), comment: 'new desk' });
    const facts = { customer: { regionCode: '440305', type: 'company', employees: 40, industry: 'energy' }, productLine: 'crm', territory: { team: null, region: null } };
    const body = [JSON.stringify({ id: 'a', facts }), JSON.stringify(facts), ''].join('\n');
    const upload = await t.http.post('/api/policies/assignment/simulate/upload').set('authorization', t.admin).set('content-type', 'application/x-ndjson').send(body);
    expect(upload.status, JSON.stringify(upload.body)).toBe(202);
    await t.services.simulations.idle();
    expect((await t.http.get(`/api/simulations/${upload.body._id}`).set('authorization', t.admin)).body).toMatchObject({ status: 'done', report: { records: 2, changed: 2 } });

    const broken = await t.http.post('/api/policies/assignment/simulate/upload').set('authorization', t.admin).set('content-type', 'application/x-ndjson').send(`${JSON.stringify(facts)}\n{not json\n`);
    await t.services.simulations.idle();
    expect((await t.http.get(`/api/simulations/${broken.body._id}`).set('authorization', t.admin)).body).toMatchObject({ status: 'failed', error: 'line 2 is not JSON' });
    expect((await t.http.post('/api/policies/assignment/simulate/upload').set('authorization', t.admin).set('content-type', 'text/plain').send('x')).status).toBe(415);
    expect((await t.http.post('/api/policies/assignment/simulate').set('authorization', t.admin).send({ draft: { policy: 'assignment' } })).body.error.details[0].path).toMatch(/^\/draft/);

    const path = join(tmpdir(), `crm-policy-sim-${Date.now()}.jsonl`);
    writeFileSync(path, `${JSON.stringify(facts)}\n`.repeat(20_000));
    const job = await t.services.simulations.start({ kind: 'user', id: 'test', username: 'test', displayName: 'test', role: 'admin', teams: [] }, 'assignment', 'draft', { upload: { path, bytes: 0 } });
    const cancelled = await t.http.post(`/api/simulations/${job._id}/cancel`).set('authorization', t.admin);
    expect(cancelled.status).toBe(202);
    await t.services.simulations.idle();
    const stopped = (await t.http.get(`/api/simulations/${job._id}`).set('authorization', t.admin)).body;
    expect(stopped.status).toBe('cancelled');
    expect(stopped.report.records).toBeLessThan(20_000);
    expect((await t.http.post(`/api/simulations/${job._id}/cancel`).set('authorization', t.admin)).status).toBe(409);
  });
});
