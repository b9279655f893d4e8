import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuleFile } from '@crm-policy/engine';
import { createPolicy } from '@crm-policy/engine';
import type { SimulationEvent, SimulationThread } from '../../src/domain/policies/simulationThread.js';
import { parseSharedTexts, sharedTexts } from '../../src/domain/policies/sharedTexts.js';
import { SimulationWorkers } from '../../src/domain/policies/simulationThread.js';
import { assignmentDraft } from './policyHelpers.js';
import { shippedPolicies } from '../testApp.js';

// The worker threads simulations decide in: kept between jobs, compiled ahead when warmed.
let workers: SimulationWorkers;
afterEach(async () => {
  // `workers` is set by the tests that start threads.
  await workers?.close();
});

async function events(thread: SimulationThread): Promise<SimulationEvent[]> {
  const heard: SimulationEvent[] = [];
  for await (const event of thread) heard.push(event);
  thread.close();
  return heard;
}

/** Recorded decisions of the published version, as the decision log holds them, in pages of JSON texts. */
async function pages(published: RuleFile, leads: Array<{ region: string; industry: string }>, perPage: number): Promise<string[][]> {
  const policy = await createPolicy(published, { verify: false });
  const texts = leads.map((lead, i) => {
    const facts = { customer: { regionCode: lead.region, type: 'company', employees: 40, industry: lead.industry }, productLine: 'crm', territory: { team: null, region: null } };
    const decided = policy.decideSync(facts, { explain: false });
    return JSON.stringify({ _id: `d${i}`, policy: 'assignment', version: decided.version, at: '2026-11-20T08:00:00.000Z', facts, outcome: decided.outcome, fired: decided.fired });
  });
  const out: string[][] = [];
  for (let i = 0; i < texts.length; i += perPage) out.push(texts.slice(i, i + perPage));
  return out;
}

/** A job's last event, or `hung` when none comes within 10 s. */
async function ending(thread: SimulationThread): Promise<SimulationEvent | 'hung'> {
  const last = (async () => {
    let end: SimulationEvent | undefined;
    for await (const event of thread) end = event;
    return end!;
  })();
  return Promise.race([last, sleep(10_000, 'hung' as const, { ref: false })]);
}

async function* feed(all: string[][]): AsyncGenerator<string[]> {
  for (const page of all) yield page;
}

describe('simulation workers', () => {
  it('are sent a page as JSON texts in shared memory, every text whole, past ASCII too', () => {
    const docs = [{ _id: 'a', name: '华兴电子有限公司' }, { _id: 'b', name: 'Zürich AG 🏢', n: 1 }, {}, { _id: 'd', quote: '"\\\n' }];
    const page = sharedTexts(docs.map((doc) => JSON.stringify(doc)));
    expect(page.shared).toBeInstanceOf(SharedArrayBuffer);
    expect(parseSharedTexts(page)).toEqual(docs);
    expect(parseSharedTexts(sharedTexts([]))).toEqual([]);
  });

  it('decide pages of recorded decisions, giving changed records back with their facts, and keep the worker for the next job', async () => {
    const published = (await shippedPolicies()).assignment.ruleFile;
    const draft = assignmentDraft();
    draft.rules.find((r) => r.name === 'sme-east')!.event.params!['team'] = 'East China Inside';
    const leads = Array.from({ length: 25 }, (_, i) => ({ region: i % 5 === 0 ? '310104' : '440305', industry: 'technology' }));
    workers = new SimulationWorkers();
    workers.warm([published]);

    const first = workers.start({ published, draft, progressEvery: 10 });
    const feeding = first.feed(feed(await pages(published, leads, 4)));
    const heard = await events(first);
    await feeding;
    const done = heard.at(-1);
    expect(done).toMatchObject({ type: 'done', cancelled: false, report: { records: 25, changed: 5 } });
    const changed = heard.flatMap((event) => (event.type === 'changed' ? event.records : []));
    // The five Shanghai leads, each with the facts it was recorded with.
    expect(changed.map((record) => record.id).sort()).toEqual(['d0', 'd10', 'd15', 'd20', 'd5']);
    for (const record of changed) {
      expect(record.facts).toMatchObject({ customer: { regionCode: '310104' } });
      expect(record.draft.outcome.params?.['team']).toBe('East China Inside');
      expect(record.published.outcome.params?.['team']).not.toBe('East China Inside');
    }
    expect(heard.filter((event) => event.type === 'progress').map((event) => (event as { processed: number }).processed)).toEqual([10, 20]);

    // The next job is decided by the same worker.
    const second = workers.start({ published, draft, progressEvery: 10 });
    const again = second.feed(feed(await pages(published, leads.slice(0, 3), 2)));
    expect((await events(second)).at(-1)).toMatchObject({ type: 'done', report: { records: 3, changed: 1 } });
    await again;
    expect(second.threadId).toBe(first.threadId);
  });

  it('run no further ahead of the job taking their changed records than a few batches, an uploaded file too', async () => {
    const published = (await shippedPolicies()).assignment.ruleFile;
    const draft = assignmentDraft();
    draft.rules.find((r) => r.name === 'sme-east')!.event.params!['team'] = 'East China Inside';
    // 20,000 Shanghai SMEs: every one changes team under the draft.
    const file = join(mkdtempSync(join(tmpdir(), 'crm-policy-upload-')), 'records.jsonl');
    const facts = { customer: { regionCode: '310104', type: 'company', employees: 40, industry: 'retail' }, productLine: 'crm', territory: { team: null, region: null } };
    writeFileSync(file, Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: `r${i}`, facts })).join('\n'));
    workers = new SimulationWorkers();
    const thread = workers.start({ published, draft, upload: file, progressEvery: 1000 });
    const events = thread[Symbol.asyncIterator]();
    expect((await events.next()).value).toMatchObject({ type: 'changed' });
    // Nothing taken for a while: the worker waits rather than sending all 20,000 (40 batches and 20 progress points).
    await expect.poll(() => thread.waiting).toBeGreaterThan(0);
    await sleep(1500);
    expect(thread.waiting).toBeLessThan(12);
    let changed = 0;
    let last: SimulationEvent | undefined;
    for (let next = await events.next(); !next.done; next = await events.next()) {
      last = next.value;
      if (last.type === 'changed') changed += last.records.length;
    }
    thread.close();
    expect(last).toMatchObject({ type: 'done', report: { records: 20_000, changed: 20_000 } });
    // The first batch (500) was taken before the wait.
    expect(changed + 500).toBe(20_000);
  });

  it('never keep a worker that stopped after its report: the next job gets a new one', async () => {
    const published = (await shippedPolicies()).assignment.ruleFile;
    workers = new SimulationWorkers();
    const first = workers.start({ published, draft: published, progressEvery: 10 });
    const fed = first.feed(feed([]));
    const events = first[Symbol.asyncIterator]();
    expect((await events.next()).value).toMatchObject({ type: 'done' });
    await fed;
    // The worker dies (out of memory, say) between its report and the job letting it go.
    await (first as unknown as { worker: Worker }).worker.terminate();
    first.close();
    const next = workers.start({ published, draft: published, progressEvery: 10 });
    const again = next.feed(feed([]));
    expect((await events.next()).done).toBe(true);
    expect(await ending(next)).toMatchObject({ type: 'done' });
    next.close();
    await again;
    expect(next.threadId).not.toBe(first.threadId);
  });

  it('report a job that cannot start as failed, and decide the next one in the same worker', async () => {
    const published = (await shippedPolicies()).assignment.ruleFile;
    workers = new SimulationWorkers();
    const broken = workers.start({ published, draft: { ...published, rules: 'none' } as unknown as RuleFile, progressEvery: 10 });
    const feeding = broken.feed(feed([]));
    const heard = await events(broken);
    await feeding;
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ type: 'failed' });
    expect((heard[0] as { message: string }).message.length).toBeGreaterThan(0);

    const next = workers.start({ published, draft: published, progressEvery: 10 });
    const fed = next.feed(feed([]));
    expect((await events(next)).at(-1)).toMatchObject({ type: 'done', report: { records: 0 } });
    await fed;
    expect(next.threadId).toBe(broken.threadId);
  });
});
