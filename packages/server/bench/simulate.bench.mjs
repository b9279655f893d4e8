// npm run bench:simulate — 100k recorded decisions of the assignment policy are
// re-decided under a draft by the simulation job (read from the store a page at a
// time, decided in the simulation's worker thread, changed records stored), beside the
// bare policy decision for the same facts, twice: the first job after start, and a later one.
// Prints records/s, the ratio, and the heap the job adds at each quarter (flat when
// records are streamed). The collections the bench forces for those heap samples are
// timed and left out of the job's rate (they are the bench's, not the job's); the rate
// with them is printed too, and so is the load average (the machine is shared).
// Run with the flags `npm start` gives node (package.json: a 64 MB young generation).
// BENCH_RECORDS (default 100000).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_ADMIN as ADMIN, openBenchApp, ROOT } from './benchApp.mjs';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const NOW = new Date('2026-11-23T08:00:00.000Z');

// As `npm start` runs it: the simulation worker started with the server.
const { services, close } = await openBenchApp('simulate', { clock: () => NOW, config: { warmSimulationWorker: true } });

// History: decisions of the published version, recorded with their facts, over the last 90 days.
const REGIONS = ['440305', '440106', '441900', '310104', '310115', '110108', '330106', '510104', '420102', '650102'];
const INDUSTRIES = ['manufacturing', 'finance', 'government', 'retail', 'technology', 'energy', 'other'];
let seed = 5;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
const published = services.livePolicies.current('assignment');
const facts = [];
process.stderr.write(`recording ${RECORDS} decisions… `);
let started = performance.now();
for (let at = 0; at < RECORDS; at += 5_000) {
  const batch = [];
  for (let i = at; i < Math.min(at + 5_000, RECORDS); i += 1) {
    const f = {
      customer: { regionCode: REGIONS[Math.floor(rand() * REGIONS.length)], type: rand() < 0.05 ? 'individual' : 'company', employees: rand() < 0.2 ? 1000 + Math.floor(rand() * 5000) : Math.floor(rand() * 900), industry: INDUSTRIES[Math.floor(rand() * INDUSTRIES.length)] },
      productLine: 'crm',
      territory: { team: null, region: null },
    };
    const when = new Date(NOW.getTime() - Math.floor(rand() * 89 * 86_400_000));
    const decision = published.policy.decideSync(f, { now: when, explain: false });
    batch.push({ _id: randomUUID(), policy: 'assignment', version: decision.version, versionId: published.versionId, at: when.toISOString(), facts: f, outcome: decision.outcome, fired: decision.fired });
    facts.push(f);
  }
  await services.decisionLog.decisions.insertMany(batch);
}
process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);

// The draft: Guangdong energy SMEs to a new desk, East China SME renamed.
const draft = JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8'));
draft.version = '9.9.9';
draft.rules.push({ name: 'sme-guangdong-energy', priority: 25, conditions: { all: [{ fact: 'customer', path: '$.regionCode', operator: 'inRegion', value: '44' }, { fact: 'customer', path: '$.type', operator: 'equal', value: 'company' }, { fact: 'customer', path: '$.employees', operator: 'lessThan', value: 1000 }, { fact: 'customer', path: '$.industry', operator: 'equal', value: 'energy' }] }, event: { type: 'assign', params: { team: 'Shenzhen Desk', ownership: 'shared', strategy: 'round-robin', coOwners: 2 } } });
draft.rules.find((r) => r.name === 'sme-east').event.params.team = 'East China Inside';

// Baseline: the bare decision of the same facts by one version, measured before, between and
// after the jobs (the machine is shared, and its speed drifts): each job is set against the
// mean of the two measured around it.
function bare() {
  const began = performance.now();
  for (const f of facts) published.policy.decideSync(f, { now: NOW, explain: false });
  return (performance.now() - began) / 1000;
}

// The simulation job, streamed from the store; heap sampled as it goes. It runs twice: the first
// job after start has its draft compiled in the worker; the second finds it ready, as every later
// job of the same draft does. The decision log's time index is ready for both: the store builds
// it after opening, off the request path (here the log was empty then, and the index has followed
// every insert since).
async function runJob() {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const samples = [];
  let forcedGcSeconds = 0;
  let sampledQuarter = 0;
  const loadBefore = loadavg();
  const started = performance.now();
  const job = await services.simulations.start(ADMIN, 'assignment', draft, { history: { from: new Date(NOW.getTime() - 90 * 86_400_000).toISOString(), to: new Date(NOW.getTime() + 1).toISOString() } });
  const sampler = setInterval(async () => {
    const heap = process.memoryUsage().heapUsed;
    heapPeak = Math.max(heapPeak, heap);
    const now = await services.simulations.jobs.findOne({ _id: job._id });
    if (!now) return;
    // Progress lands as the disk allows, so a step may pass more than one quarter: one sample per step.
    const quarter = Math.floor((now.processed / RECORDS) * 4);
    if (quarter > sampledQuarter && samples.length < 4) {
      sampledQuarter = quarter;
      // Live heap only: collect first, so garbage does not read as growth.
      const collecting = performance.now();
      globalThis.gc?.();
      forcedGcSeconds += (performance.now() - collecting) / 1000;
      samples.push({ processed: now.processed, heapMB: (process.memoryUsage().heapUsed - heapBefore) / 1048576 });
    }
    const share = now.processed / RECORDS;
    const line = `simulating ${'█'.repeat(Math.round(share * 30)).padEnd(30, '░')} ${(share * 100).toFixed(0).padStart(3)}%  ${now.recordsPerSecond}/s  ${now.secondsLeft ?? '?'} s left`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}` : '');
  }, 100);
  await services.simulations.idle();
  clearInterval(sampler);
  if (process.stderr.isTTY) process.stderr.write('\n');
  const elapsedSeconds = (performance.now() - started) / 1000;
  const done = await services.simulations.jobs.findOne({ _id: job._id });
  return { elapsedSeconds, simSeconds: elapsedSeconds - forcedGcSeconds, forcedGcSeconds, samples, heapPeakMB: (heapPeak - heapBefore) / 1048576, done, loadBefore };
}
const bareRuns = [bare()];
const first = await runJob();
bareRuns.push(bare());
const again = await runJob();
bareRuns.push(bare());
first.bareSeconds = (bareRuns[0] + bareRuns[1]) / 2;
again.bareSeconds = (bareRuns[1] + bareRuns[2]) / 2;

console.log(`simulation of ${RECORDS} recorded assignment decisions on the embedded store, node ${process.version}`);
console.log(`bare policy decision   ${bareRuns.map((seconds) => (RECORDS / seconds).toFixed(0)).join(' / ').padStart(9)} records/s (before the first job / between / after the second)`);
for (const [label, run] of [['first job after start', first], ['a later job', again]]) {
  console.log(`${label.padEnd(22)} ${(RECORDS / run.simSeconds).toFixed(0).padStart(9)} records/s  (${((run.bareSeconds / run.simSeconds) * 100).toFixed(1)}% of the bare decision rate measured around it; aim ≥ 50%)`);
  console.log(`  with the bench's ${run.samples.length} forced collections (${run.forcedGcSeconds.toFixed(2)} s): ${(RECORDS / run.elapsedSeconds).toFixed(0)} records/s (${((run.bareSeconds / run.elapsedSeconds) * 100).toFixed(1)}%)`);
  console.log(`  live heap added (after a collection) at each quarter: ${run.samples.map((s) => `${s.heapMB.toFixed(1)} MB at ${s.processed}`).join(', ')}; peak heap before collections ${run.heapPeakMB.toFixed(1)} MB`);
}
console.log(`load average (1, 5, 15 min) before the first job ${first.loadBefore.map((l) => l.toFixed(2)).join(', ')}, after the second ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
const done = again.done;
console.log(`job ${done.status}: ${done.report.records} records, ${done.report.changed} changed; ${done.report.transitions.map((t) => `${t.from} → ${t.to}: ${t.count}`).join('; ')}`);
console.log(`the changed records themselves are stored: ${done.report.changed} per job in the embedded store's memory`);
await close();
