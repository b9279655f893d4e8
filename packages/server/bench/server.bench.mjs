// npm run bench:server — POST /api/registrations on the embedded store (BENCH_REQUESTS
// distinct companies, default 10,000; 50 connections) with synthetic and with realistic
// company names, beside a bare Express handler parsing the same JSON.
//
// Each server (bare, then a fresh app per kind of name) runs in its own process, and so
// does the load generator (autocannon): on two cores, a generator sharing the server's
// event loop starves what it measures. Printed per run: requests/s, p50 and p99 latency,
// the server's event-loop use and CPU time (100% = one core, all its threads), heap
// bytes allocated per request (allocationMeter.mjs),
// bytes the store's log grew per request (aim ≤ 3 KB) and by collection, and the load average.
//
// BENCH_CPU_PROF=<folder> profiles each app server while it is measured (V8's CPU
// profiler, as `node --cpu-prof`, without start-up) and prints the top entries;
// BENCH_HEAP_PROF=<folder> does the same for allocation (sampling heap profiler). BENCH_SERVER_MODULE=<path to dist/index.js> benches another
// build of the server. BENCH_NAMES=synthetic|realistic runs one kind only.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTop } from './profileTop.mjs';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const BARE_REQUESTS = Number(process.env.BENCH_BARE_REQUESTS ?? 50_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const NAMES = (process.env.BENCH_NAMES ?? 'synthetic,realistic').split(',');
const PROFILE_DIR = process.env.BENCH_CPU_PROF ?? process.env.BENCH_HEAP_PROF;
if (PROFILE_DIR) mkdirSync(resolve(PROFILE_DIR), { recursive: true });
const REPS = Math.ceil(REQUESTS / 40) + 10; // below the cap of 50 active claims each
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
/** The flags `npm start` runs node with (package.json), given to every measured server alike. */
const SERVER_FLAGS = ['--max-semi-space-size=64'];
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** The next message of `type` from a child (rejecting if it exits first). */
function next(child, type) {
  return new Promise((done, fail) => {
    const onMessage = (message) => {
      if (message.type === 'error') fail(new Error(message.message));
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      done(message);
    };
    const onExit = (code) => fail(new Error(`${child.spawnargs.join(' ')} exited (${code}) before answering ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function measure(args, names) {
  const server = fork(here('./benchServer.mjs'), args, { execArgv: [...process.execArgv, ...SERVER_FLAGS] });
  const ready = await next(server, 'ready');
  const dataDir = args[1];
  const logsBefore = dataDir ? logSizes(dataDir) : undefined;
  server.send({ type: 'measure' });
  await next(server, 'measuring');
  const loadBefore = load();
  const generator = fork(here('./loadGenerator.mjs'));
  const amount = names === 'bare' ? BARE_REQUESTS : REQUESTS;
  generator.send({ url: `http://127.0.0.1:${ready.port}/api/registrations`, connections: CONNECTIONS, amount, names: names === 'bare' ? 'synthetic' : names, tokens: ready.tokens });
  const result = await next(generator, 'result');
  server.send({ type: 'report' });
  const report = await next(server, 'report');
  const written = dataDir ? bytesByCollection(dataDir, logsBefore) : undefined;
  server.send({ type: 'close' });
  await new Promise((done) => server.once('exit', done));
  return { ...result, ...report, written, load: `${loadBefore} → ${load()}` };
}

/** The store's log files (`log-NNNNNN.jsonl`, and `log.jsonl` of a build before store format 2) and their sizes. */
function logSizes(dir) {
  return new Map(readdirSync(dir).filter((name) => /^log(-\d+)?\.jsonl$/.test(name)).map((name) => [name, statSync(join(dir, name)).size]));
}

/**
 * Bytes appended to the store's logs since `before` (file sizes), in total and by
 * collection. An atomic group is one line `{"tx":[parts]}`: each part counts for its
 * collection, and the line's remaining bytes (the wrapper) count as `tx`.
 */
function bytesByCollection(dir, before) {
  const byCollection = {};
  const add = (name, bytes) => (byCollection[name] = (byCollection[name] ?? 0) + bytes);
  let total = 0;
  for (const [name] of logSizes(dir)) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path).subarray(before.get(name) ?? 0);
    total += text.length;
    for (const line of text.toString('utf8').split('\n')) {
      if (line === '') continue;
      const entry = JSON.parse(line);
      const lineBytes = Buffer.byteLength(line) + 1;
      if (!entry.tx) {
        add(entry.c, lineBytes);
        continue;
      }
      let parts = 0;
      for (const part of entry.tx) {
        const bytes = Buffer.byteLength(JSON.stringify(part));
        add(part.c, bytes);
        parts += bytes;
      }
      add('tx', lineBytes - parts);
    }
  }
  return { total, byCollection };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (name, r) =>
  `${name.padEnd(32)}${Math.round(r.requestsPerSecond).toLocaleString('en-US').padStart(11)}${String(r.p50).padStart(8)}${String(r.p99).padStart(8)}` +
  `${(r.eventLoopUtilization * 100).toFixed(0).padStart(6)}%${(r.cpuShare * 100).toFixed(0).padStart(6)}%${kb(r.allocatedBytes / r.requests).padStart(11)}${(r.gcPauseMs / r.requests).toFixed(2).padStart(10)}`;

console.log(`bench:server — ${REQUESTS} registrations per kind of name (bare handler: ${BARE_REQUESTS}), ${CONNECTIONS} connections, node ${process.version}`);
console.log(`load average at start: ${load()}${process.env.BENCH_SERVER_MODULE ? `; server build: ${process.env.BENCH_SERVER_MODULE}` : ''}`);
const bare = await measure(['bare'], 'bare');
const runs = [];
for (const names of NAMES) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-policy-bench-'));
  try {
    runs.push({ names, ...(await measure(['app', dir, String(REPS)], names)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (runs.at(-1).profile) printTop(runs.at(-1).profile, 25);
}

console.log(`\n${'server'.padEnd(32)}${'req/s'.padStart(11)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'loop'.padStart(7)}${'cpu'.padStart(7)}${'alloc/req'.padStart(11)}${'GC ms/req'.padStart(10)}`);
console.log(row('bare Express handler (ceiling)', bare));
for (const r of runs) console.log(row(`registrations, ${r.names} names`, r));
console.log('');
console.log(`bare handler: statuses ${JSON.stringify(bare.statuses)}, errors ${bare.errors}, timeouts ${bare.timeouts}; load average ${bare.load}`);
for (const r of runs) {
  const rate = (100 * r.requestsPerSecond) / bare.requestsPerSecond;
  const tail = r.p99 / bare.p99;
  const perRequest = r.allocatedBytes / r.requests;
  console.log(`${r.names} names: ${rate.toFixed(1)}% of the bare rate (aim ≥ 35%: ${rate >= 35 ? 'met' : 'not met'}); p99 ${tail.toFixed(1)}× the bare p99 (aim ≤ 4×: ${tail <= 4 ? 'met' : 'not met'}); ` +
    `${kb(perRequest)} allocated per registration (aim ≤ 200 KB: ${perRequest <= 200 * 1024 ? 'met' : 'not met'})`);
  const split = Object.entries(r.written.byCollection).sort((a, b) => b[1] - a[1]).map(([c, bytes]) => `${c} ${kb(bytes / r.total)}`).join(', ');
  const written = r.written.total / r.total;
  console.log(`  written to the store's log: ${(written / 1024).toFixed(2)} KB per request (aim ≤ 3 KB: ${written <= 3 * 1024 ? 'met' : 'not met'}; ${split})`);
  console.log(`  statuses ${JSON.stringify(r.statuses)}, errors ${r.errors}, timeouts ${r.timeouts}; load average ${r.load}`);
}
