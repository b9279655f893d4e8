// The process a server bench measures, forked by server.bench.mjs so that the load
// generator never shares its event loop. `node benchServer.mjs bare` is Express
// parsing the JSON body and answering; `node benchServer.mjs app <dataDir> <reps>` is
// the whole app on an embedded store in <dataDir>, with <reps> reps signed in, relaying
// staged events into the feed every second as the server's scheduler does.
// BENCH_SERVER_MODULE runs another build of the server (a path to its dist/index.js),
// to compare builds in one run of the same bench.
//
// Messages from the parent: `measure` (start counting allocation, requests, event
// loop use and CPU time, all threads), `report` (answer them), `close` (stop and exit). To the parent: `ready`
// with the port and the reps' tokens. With BENCH_CPU_PROF naming a folder, V8's CPU
// profiler (the one `node --cpu-prof` starts) samples the measured stretch only, not
// start-up, and `report` writes its profile there and names the file; BENCH_HEAP_PROF
// does the same with V8's sampling heap profiler, keeping what GC freed (where the
// allocation comes from).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startAllocationMeter } from './allocationMeter.mjs';

const [mode, dataDir, repCount] = process.argv.slice(2);
const send = (message) => process.send(message);

function listen(app) {
  return new Promise((done) => {
    const server = app.listen(0, '127.0.0.1', () => done(server));
  });
}

async function bare() {
  const { default: express } = await import('express');
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  app.post('/api/registrations', (request, response) => response.status(201).json({ ok: true, name: request.body.customer.companyName }));
  return { server: await listen(app), tokens: [], close: async () => {} };
}

async function full() {
  const moduleUrl = process.env.BENCH_SERVER_MODULE ? pathToFileURL(resolve(process.env.BENCH_SERVER_MODULE)).href : '@crm-policy/server';
  const { createApp, EmbeddedStore, loadPolicies, loadTemplates } = await import(moduleUrl);
  const { ROOT } = await import('./benchApp.mjs');
  const store = await EmbeddedStore.open(dataDir);
  const { app, services } = await createApp({
    store,
    policies: await loadPolicies(join(ROOT, 'rules')),
    templates: loadTemplates(join(ROOT, 'schemas/templates')),
    config: { tokenSecret: 'bench-secret-bench-secret-bench-secret', adminPassword: 'bench-admin-password' },
    logger: { info() {}, warn() {}, error: (message, fields) => console.error(message, fields) },
  });
  const team = await services.users.createTeam('Bench');
  const tokens = [];
  for (let r = 0; r < Number(repCount); r += 1) {
    const user = await services.users.users.insertOne({ _id: `rep${r}`, username: `rep${r}`, displayName: `Rep ${r}`, role: 'rep', teams: [team._id], passwordHash: 'x', createdAt: new Date().toISOString() });
    tokens.push(`Bearer ${(await services.tokens.sign(user._id)).token}`);
  }
  const server = await listen(app);
  return {
    server,
    tokens,
    // As main.ts's scheduler does every second: staged events enter the feed (and go out to webhooks).
    relayEvents: () => services.webhookDispatcher.tick(),
    close: () => store.close(),
  };
}

const { server, tokens, relayEvents, close } = mode === 'bare' ? await bare() : await full();
let relayTimer;
let requests = 0;
server.on('request', () => (requests += 1));
let stopMeter;
let startRequests = 0;
let startLoop;
let startCpu;
let startWall;
const profileDir = mode === 'bare' ? undefined : (process.env.BENCH_CPU_PROF ?? process.env.BENCH_HEAP_PROF);
const heap = !process.env.BENCH_CPU_PROF;
const profiling = profileDir ? new Session() : undefined;

async function startProfile() {
  profiling.connect();
  if (heap) {
    await profiling.post('HeapProfiler.enable');
    await profiling.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  } else {
    await profiling.post('Profiler.enable');
    await profiling.post('Profiler.start');
  }
}

async function stopProfile() {
  const file = join(resolve(profileDir), `registrations-${process.pid}.${heap ? 'heapprofile' : 'cpuprofile'}`);
  const { profile } = await profiling.post(heap ? 'HeapProfiler.stopSampling' : 'Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

process.on('message', async (message) => {
  if (message.type === 'measure') {
    if (profiling) await startProfile();
    startRequests = requests;
    startCpu = process.cpuUsage();
    startWall = performance.now();
    startLoop = performance.eventLoopUtilization();
    stopMeter = startAllocationMeter();
    if (relayEvents) relayTimer = setInterval(() => void relayEvents(), 1_000);
    send({ type: 'measuring' });
  } else if (message.type === 'report') {
    // The events staged by the last requests enter the feed too: their bytes and work are part of a registration's.
    clearInterval(relayTimer);
    // A tick already running may have read before the last requests: a second one after it sees them.
    if (relayEvents) for (let k = 0; k < 2; k += 1) await relayEvents();
    const allocation = stopMeter();
    const loop = performance.eventLoopUtilization(startLoop);
    const cpu = process.cpuUsage(startCpu);
    const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - startWall);
    const profile = profiling ? await stopProfile() : undefined;
    send({ type: 'report', requests: requests - startRequests, eventLoopUtilization: loop.utilization, cpuShare, ...allocation, ...(profile ? { profile } : {}) });
  } else if (message.type === 'close') {
    server.closeAllConnections?.();
    await new Promise((done) => server.close(done));
    await close();
    process.exit(0);
  }
});
send({ type: 'ready', port: server.address().port, tokens });
