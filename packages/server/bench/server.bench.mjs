// npm run bench:server — POST /api/registrations on the embedded store (10k distinct
// companies, 50 connections) beside a bare Express handler on the same machine.
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import autocannon from 'autocannon';
import express from 'express';
import { createApp, EmbeddedStore, loadPolicies, loadTemplates } from '@crm-policy/server';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const REPS = Math.ceil(REQUESTS / 40) + 10; // below the cap of 50 active claims each

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function run(url, setupRequest) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: CONNECTIONS, amount: REQUESTS, method: 'POST', headers: { 'content-type': 'application/json' }, requests: [{ setupRequest }] },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/**
 * Runs `work`, with the CPU time this process spent meanwhile (robust to other
 * load on the machine, unlike requests/s) and the bytes the JavaScript heap
 * allocated: what each collection found in use, less what the previous one
 * left, plus the growth since the last. autocannon runs in this process too:
 * the bare handler's figures are that floor.
 */
async function allocatedDuring(work) {
  const profiler = new GCProfiler();
  let left = getHeapStatistics().used_heap_size;
  const cpu = process.cpuUsage();
  profiler.start();
  const result = await work();
  const { statistics } = profiler.stop();
  const { user, system } = process.cpuUsage(cpu);
  let bytes = 0;
  for (const gc of statistics) {
    bytes += gc.beforeGC.heapStatistics.usedHeapSize - left;
    left = gc.afterGC.heapStatistics.usedHeapSize;
  }
  bytes += getHeapStatistics().used_heap_size - left;
  return { result, bytes, cpuMs: (user + system) / 1000, gcMs: statistics.reduce((sum, gc) => sum + gc.cost, 0) / 1000 };
}

const body = (i) =>
  JSON.stringify({
    industry: 'software',
    customer: { companyName: `压测公司${i}号有限公司`, region: '440305', contactName: '张总', phone: `0755${String(10_000_000 + i)}`, grade: 'C', deployment: 'saas' },
  });

// The ceiling: Express parsing the same JSON and answering.
const bare = express();
bare.use(express.json({ limit: '256kb' }));
bare.post('/api/registrations', (request, response) => response.status(201).json({ ok: true, name: request.body.customer.companyName }));
const bareServer = await listen(bare);
let i = 0;
const loadAtStart = loadavg().map((n) => n.toFixed(2)).join(' ');
const bareRun = await allocatedDuring(() => run(`http://127.0.0.1:${bareServer.address().port}/api/registrations`, (request) => ({ ...request, body: body(i++) })));
const bareResult = bareRun.result;
bareServer.close();

// The real thing.
const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-bench-')));
const { app, services } = await createApp({
  store,
  policies: await loadPolicies(join(ROOT, 'rules')),
  templates: loadTemplates(join(ROOT, 'schemas/templates')),
  config: { tokenSecret: 'bench-secret-bench-secret-bench-secret', adminPassword: 'bench-admin-password' },
  logger: { info() {}, warn() {}, error: (message, fields) => console.error(message, fields) },
});
const team = await services.users.createTeam('Bench');
const tokens = [];
for (let r = 0; r < REPS; r += 1) {
  const user = await services.users.users.insertOne({ _id: `rep${r}`, username: `rep${r}`, displayName: `Rep ${r}`, role: 'rep', teams: [team._id], passwordHash: 'x', createdAt: new Date().toISOString() });
  tokens.push(`Bearer ${(await services.tokens.sign(user._id)).token}`);
}
const server = await listen(app);
let n = 0;
const statuses = {};
const realRun = await allocatedDuring(() =>
  run(`http://127.0.0.1:${server.address().port}/api/registrations`, (request) => {
    const k = n++;
    return { ...request, body: body(k), headers: { ...request.headers, authorization: tokens[k % tokens.length] } };
  }),
);
const result = realRun.result;
for (const [code, count] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count.count;
server.close();
const claims = await services.claims.claims.countDocuments({ status: 'active' });
await store.close();

const line = (name, r) => `${name.padEnd(34)}${Math.round(r.requests.average).toLocaleString('en-US').padStart(12)}${String(r.latency.p99).padStart(10)}`;
console.log(`${REQUESTS} requests, ${CONNECTIONS} connections, node ${process.version}`);
console.log(`load average (1, 5, 15 min) at start ${loadAtStart}, at end ${loadavg().map((n) => n.toFixed(2)).join(' ')}, on ${availableParallelism()} cores`);
console.log(`${'server'.padEnd(34)}${'requests/s'.padStart(12)}${'p99 ms'.padStart(10)}`);
console.log(line('bare Express handler (ceiling)', bareResult));
console.log(line('POST /api/registrations', result));
console.log(`registrations / bare handler: ${((100 * result.requests.average) / bareResult.requests.average).toFixed(1)}% (aim ≥ 25%); p99 ${result.latency.p99} ms (aim < 50 ms)`);
const perRequest = (r) => `${(r.cpuMs / REQUESTS).toFixed(2)} ms CPU and ${(r.bytes / REQUESTS / 1024).toFixed(0)} KB allocated per request, ${r.gcMs.toFixed(0)} ms in GC pauses`;
console.log(`bare handler ${perRequest(bareRun)}; registrations ${perRequest(realRun)}`);
console.log(`statuses: ${JSON.stringify(statuses)}; active claims stored: ${claims}; errors: ${result.errors}, timeouts: ${result.timeouts}`);
