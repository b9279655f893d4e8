// npm run bench:dedup — a duplicate check (parse the name, fetch candidates by
// blocking keys from the store's index, score them) at 10k, 100k and 1M
// synthetic customers on the embedded store, beside a brute-force scan that
// scores every customer, as the baseline. The sizes are measured in interleaved
// rounds (BENCH_ROUNDS, default 10), each size in a process of its own, so the growth
// compares them under the same load.
// BENCH_SIZES, BENCH_CHECKS (per size, default 2,000), BENCH_TRACE (prints checks over 5 ms).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GCProfiler } from 'node:v8';
import { DuplicateFinder, EmbeddedStore, matchCompanies, newCustomer, profileOf, profileOfCustomer } from '@crm-policy/server';
import { DUPLICATE_VARIANTS, company, formOf, random } from './companyNames.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 2000);
/** Untimed checks at the start of each turn of a size's checks. */
const WARM_PER_TURN = 20;
const bruteChecks = (size) => Number(process.env.BENCH_BRUTE_CHECKS ?? Math.min(20, Math.max(3, Math.round(2_000_000 / size))));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};

async function load(size) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-policy-dedup-'));
  const store = await EmbeddedStore.open(dir);
  const customers = store.collection('customers');
  await customers.createIndex({ name: 'customer_name_key_unique', keys: { nameKey: 1 }, unique: true });
  const finder = new DuplicateFinder(store, customers);
  await finder.createIndexes();
  const rand = random(size);
  const companies = [];
  const keys = new Set();
  const now = new Date().toISOString();
  let batch = [];
  for (let i = 0; companies.length < size; i += 1) {
    const c = company(rand, i);
    const doc = newCustomer({ form: { ...formOf(c), region: '440305', grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'bench', now });
    if (keys.has(doc.nameKey)) continue;
    keys.add(doc.nameKey);
    companies.push(c);
    batch.push(doc);
    if (batch.length === 10_000) {
      await customers.insertMany(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await customers.insertMany(batch);
  return { store, dir, finder, customers, companies };
}

function queries(companies, count, seed) {
  const rand = random(seed);
  const list = [];
  for (let i = 0; list.length < count; i += 1) {
    if (i % 2 === 0) {
      const c = companies[Math.floor(rand() * companies.length)];
      const [, variant] = DUPLICATE_VARIANTS[i % DUPLICATE_VARIANTS.length];
      const form = variant(c);
      if (form) list.push({ form, duplicate: true });
    } else {
      list.push({ form: formOf(company(rand, 5_000_000 + i)), duplicate: false });
    }
  }
  return list;
}

// The machine is shared: the load average says how much of it the figures had.
const load1 = () => loadavg().map((n) => n.toFixed(2)).join(' ');

/**
 * One size, in a process of its own (so a big store's collections and collections of its
 * heap never land in a smaller one's turn): it loads and warms, then runs the share of
 * its checks the parent asks for, turn by turn, then the brute-force baseline.
 */
async function child(size) {
  const started = performance.now();
  const { store, dir, finder, customers, companies } = await load(size);
  // The folder goes with the process, however it ends (a failed check, the parent gone).
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  process.once('disconnect', () => process.exit(0));
  // Checkpointed now, not by its timer during another size's turn.
  await store.checkpoint();
  const loadSeconds = (performance.now() - started) / 1000;
  const settings = await finder.settings();
  const checks = queries(companies, CHECKS, size + 1);
  // Warmed on as many other checks first, at every size: the first size measured would otherwise also measure the code's compilation (10k's p99 swung from 0.25 to 1.2 ms).
  const warming = queries(companies, CHECKS, size + 2);
  for (const { form } of warming) await finder.candidates(profileOf(form), { settings });
  process.on('message', async (message) => {
    if (message.type === 'turn') {
      const share = checks.slice(message.from, message.to);
      // Each turn starts warm again after waiting: caches cold after the other sizes' turns cost the first
      // checks of a turn several milliseconds, and among a turn's 200 checks those few would be the p99.
      for (const { form } of warming.slice(0, WARM_PER_TURN)) await finder.candidates(profileOf(form), { settings });
      // The GC pauses that fall among the checks are reported beside the percentiles.
      const gcs = new GCProfiler();
      gcs.start();
      // CPU time beside wall time: on a shared machine a check can wait for a core. (Per check it is too coarse: the mean.)
      const cpu = process.cpuUsage();
      const times = [];
      const slowest = [];
      let found = 0;
      for (const { form, duplicate } of share) {
        const t0 = performance.now();
        const candidates = await finder.candidates(profileOf(form), { settings });
        const took = performance.now() - t0;
        times.push(took);
        if (process.env.BENCH_TRACE && took > 5) slowest.push(`${took.toFixed(1)} ms ${form.companyName}`);
        if (duplicate && candidates.some((c) => c.verdict === 'duplicate')) found += 1;
      }
      const { user, system } = process.cpuUsage(cpu);
      const pauses = gcs.stop().statistics.map((gc) => gc.cost / 1000);
      process.send({ type: 'turn', times, cpuMs: (user + system) / 1000, pauses, found, duplicates: share.filter((c) => c.duplicate).length, slowest });
    } else if (message.type === 'baseline') {
      // Baseline: score the query against every stored customer.
      const all = (await customers.findReadOnly({}, { projection: { name: 1, creditCode: 1, region: 1, phoneKey: 1, profile: 1 } })).map(profileOfCustomer);
      const brute = [];
      for (const { form } of checks.slice(0, bruteChecks(size))) {
        const t0 = performance.now();
        const profile = profileOf(form);
        let best = 0;
        for (const stored of all) best = Math.max(best, matchCompanies(profile, stored).score);
        brute.push(performance.now() - t0);
      }
      await store.close();
      process.send({ type: 'baseline', brute }, () => process.disconnect());
    }
  });
  process.send({ type: 'ready', loadSeconds });
}

/** The next message of `type` from a child (rejecting if it exits first). */
function next(worker, type) {
  return new Promise((done, fail) => {
    const onMessage = (message) => {
      if (message.type !== type) return;
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      done(message);
    };
    const onExit = (code) => fail(new Error(`the bench's process for one size exited (${code}) before answering ${type}`));
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

/** Loads every size in its own process, measures them in interleaved rounds, and answers a row per size. */
async function measure() {
  // Every size is loaded and warmed first (one after the other), then measured in ROUNDS
  // turns, each size a share of its checks per turn, while the others wait: a machine that
  // slows down for a minute slows every size alike, so the growth from the smallest to
  // the largest measures the code, not when each size happened to run (measured one size
  // after the other, the growth read 0.96× and 2.46× on the same code). The order of the
  // sizes turns from round to round, so no size always goes first. Each size's heap is its
  // own: a small store's p99 holds its own collections, so the CPU per check, printed with
  // its growth too, is what says how a check scales.
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`BENCH_ROUNDS must be a whole number of rounds, at least 1 (got "${process.env.BENCH_ROUNDS}")`);
  const loadAtStart = load1();
  const sized = [];
  for (const size of SIZES) {
    const worker = fork(fileURLToPath(import.meta.url), ['size', String(size)]);
    const { loadSeconds } = await next(worker, 'ready');
    sized.push({ size, worker, loadSeconds, times: [], pauses: [], cpuMs: 0, found: 0, duplicates: 0, slowest: [], loads: [] });
  }
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const s of sized.map((_, turn) => sized[(round + turn) % sized.length])) {
      const answered = next(s.worker, 'turn');
      s.worker.send({ type: 'turn', from: Math.floor((round * CHECKS) / ROUNDS), to: Math.floor(((round + 1) * CHECKS) / ROUNDS) });
      const answer = await answered;
      s.times.push(...answer.times);
      s.pauses.push(...answer.pauses);
      s.cpuMs += answer.cpuMs;
      s.found += answer.found;
      s.duplicates += answer.duplicates;
      s.slowest.push(...answer.slowest);
      s.loads.push(loadavg()[0]);
    }
  }
  const rows = [];
  for (const s of sized) {
    if (process.env.BENCH_TRACE) console.log(`-- checks at ${s.size}; slow: ${s.slowest.length}\n${s.slowest.slice(0, 10).join('\n')}`);
    const answered = next(s.worker, 'baseline');
    s.worker.send({ type: 'baseline' });
    const { brute } = await answered;
    const load = s.loads.reduce((sum, l) => sum + l, 0) / s.loads.length;
    rows.push({ size: s.size, load, loadSeconds: s.loadSeconds, p50: percentile(s.times, 0.5), p99: percentile(s.times, 0.99), cpuMean: s.cpuMs / s.times.length, gcMs: s.pauses.reduce((sum, ms) => sum + ms, 0), gcMax: Math.max(0, ...s.pauses), bruteP50: percentile(brute, 0.5), bruteP99: percentile(brute, 0.99), recall: s.found / s.duplicates });
  }
  return { rows, rounds: ROUNDS, startLoad: loadAtStart };
}

if (process.argv[2] === 'size') await child(Number(process.argv[3]));
else {
  const { rows, rounds, startLoad } = await measure();
  console.log(`duplicate check on the embedded store, ${CHECKS} checks per size (half variants of stored customers) in ${rounds} interleaved rounds, each size in a process of its own, node ${process.version}`);
  console.log(`load average (1, 5, 15 min) at start ${startLoad}, at end ${load1()}, on ${availableParallelism()} cores`);
  console.log('customers'.padStart(10) + 'load s'.padStart(9) + 'p50 ms'.padStart(9) + 'p99 ms'.padStart(9) + 'cpu mean ms'.padStart(13) + 'GC ms, max'.padStart(13) + 'scan p50 ms'.padStart(13) + 'scan p99 ms'.padStart(13) + 'speed-up'.padStart(10) + 'variants found'.padStart(16) + 'load'.padStart(7));
  for (const r of rows) {
    console.log(
      String(r.size).padStart(10) + r.loadSeconds.toFixed(1).padStart(9) + r.p50.toFixed(3).padStart(9) + r.p99.toFixed(3).padStart(9) + r.cpuMean.toFixed(3).padStart(13) + `${r.gcMs.toFixed(0)}, ${r.gcMax.toFixed(1)}`.padStart(13) +
        r.bruteP50.toFixed(1).padStart(13) + r.bruteP99.toFixed(1).padStart(13) + `${Math.round(r.bruteP50 / r.p50)}×`.padStart(10) + `${(100 * r.recall).toFixed(1)}%`.padStart(16) + r.load.toFixed(2).padStart(7),
    );
  }
  if (rows.length > 1) {
    const first = rows[0];
    const last = rows[rows.length - 1];
    console.log(`p99 growth ${first.size} → ${last.size}: ${(last.p99 / first.p99).toFixed(2)}× (aim < 2×); p99 at ${last.size}: ${last.p99.toFixed(2)} ms (aim ≤ 5 ms)`);
    console.log(`CPU per check growth ${first.size} → ${last.size}: ${(last.cpuMean / first.cpuMean).toFixed(2)}× (each size collects in its own heap: where the p99s hold GC pauses, this says how a check scales)`);
  }
}
