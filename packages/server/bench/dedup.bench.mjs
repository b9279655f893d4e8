// npm run bench:dedup — a duplicate check (parse the name, fetch candidates by
// blocking keys from the store's index, score them) at 10k, 100k and 1M
// synthetic customers on the embedded store, beside a brute-force scan that
// scores every customer, as the baseline. The sizes are measured in interleaved
// rounds (BENCH_ROUNDS, default 10), so the growth compares them under the same load.
// BENCH_SIZES, BENCH_CHECKS (per size, default 2,000), BENCH_TRACE (prints checks over 5 ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { GCProfiler } from 'node:v8';
import { DuplicateFinder, EmbeddedStore, matchCompanies, newCustomer, profileOf, profileOfCustomer } from '@crm-policy/server';
import { DUPLICATE_VARIANTS, company, formOf, random } from './companyNames.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 2000);
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
const loadAtStart = load1();

// Every size is loaded and warmed first, then measured in ROUNDS turns, each size a
// share of its checks per turn, in an order that rotates: a machine that slows down
// for a minute slows every size alike, so the growth from the smallest to the largest
// measures the code, not when each size happened to run (measured one size after the
// other, the growth read 0.96× and 2.46× on the same code).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const sized = [];
for (const size of SIZES) {
  const started = performance.now();
  const loaded = await load(size);
  const loadSeconds = (performance.now() - started) / 1000;
  const settings = await loaded.finder.settings();
  // Warmed on as many other checks first, at every size: the first size measured would otherwise also measure the code's compilation (10k's p99 swung from 0.25 to 1.2 ms).
  for (const { form } of queries(loaded.companies, CHECKS, size + 2)) await loaded.finder.candidates(profileOf(form), { settings });
  sized.push({ size, ...loaded, loadSeconds, settings, checks: queries(loaded.companies, CHECKS, size + 1), times: [], pauses: [], cpuMs: 0, found: 0, slowest: [], loads: [] });
}

for (let round = 0; round < ROUNDS; round += 1) {
  for (let turn = 0; turn < sized.length; turn += 1) {
    const s = sized[(round + turn) % sized.length];
    const share = s.checks.slice(Math.floor((round * CHECKS) / ROUNDS), Math.floor(((round + 1) * CHECKS) / ROUNDS));
    // The GC pauses that fall among the checks are reported beside the percentiles.
    const gcs = new GCProfiler();
    gcs.start();
    // CPU time beside wall time: on a shared machine a check can wait for a core. (Per check it is too coarse: the mean.)
    const cpu = process.cpuUsage();
    for (const { form, duplicate } of share) {
      const t0 = performance.now();
      const candidates = await s.finder.candidates(profileOf(form), { settings: s.settings });
      const took = performance.now() - t0;
      s.times.push(took);
      if (process.env.BENCH_TRACE && took > 5) s.slowest.push(`${took.toFixed(1)} ms ${form.companyName}`);
      if (duplicate && candidates.some((c) => c.verdict === 'duplicate')) s.found += 1;
    }
    const { user, system } = process.cpuUsage(cpu);
    s.cpuMs += (user + system) / 1000;
    s.pauses.push(...gcs.stop().statistics.map((gc) => gc.cost / 1000));
    s.loads.push(loadavg()[0]);
  }
}

const rows = [];
for (const s of sized) {
  if (process.env.BENCH_TRACE) console.log(`-- checks at ${s.size}; slow: ${s.slowest.length}\n${s.slowest.slice(0, 10).join('\n')}`);
  // Baseline: score the query against every stored customer.
  const all = (await s.customers.findReadOnly({}, { projection: { name: 1, creditCode: 1, region: 1, phoneKey: 1, profile: 1 } })).map(profileOfCustomer);
  const brute = [];
  for (const { form } of s.checks.slice(0, bruteChecks(s.size))) {
    const t0 = performance.now();
    const profile = profileOf(form);
    let best = 0;
    for (const stored of all) best = Math.max(best, matchCompanies(profile, stored).score);
    brute.push(performance.now() - t0);
  }
  const load = s.loads.reduce((sum, l) => sum + l, 0) / s.loads.length;
  rows.push({ size: s.size, load, loadSeconds: s.loadSeconds, p50: percentile(s.times, 0.5), p99: percentile(s.times, 0.99), cpuMean: s.cpuMs / s.times.length, gcMs: s.pauses.reduce((sum, ms) => sum + ms, 0), gcMax: Math.max(0, ...s.pauses), bruteP50: percentile(brute, 0.5), bruteP99: percentile(brute, 0.99), recall: s.found / s.checks.filter((c) => c.duplicate).length });
}
for (const s of sized) {
  await s.store.close();
  rmSync(s.dir, { recursive: true, force: true });
}

console.log(`duplicate check on the embedded store, ${CHECKS} checks per size (half variants of stored customers) in ${ROUNDS} interleaved rounds, node ${process.version}`);
console.log(`load average (1, 5, 15 min) at start ${loadAtStart}, at end ${load1()}, on ${availableParallelism()} cores`);
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
}
