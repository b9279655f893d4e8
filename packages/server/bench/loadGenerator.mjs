// The load generator of server.bench.mjs, in its own process: it receives one job
// (`{ url, connections, amount, names, tokens }`), builds every request body first,
// runs autocannon, answers the figures and exits.
//
// `names`: `synthetic` (压测公司<n>号有限公司, distinct and alike only in their
// pattern) or `realistic` (city, brand, industry and legal form as reps type them,
// from companyNames.mjs: distinct companies, some sharing a brand or a city, with
// their own phones and credit codes).
import autocannon from 'autocannon';
import { company, nameOf, random } from './companyNames.mjs';

function syntheticBodies(count) {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      industry: 'software',
      customer: { companyName: `压测公司${i}号有限公司`, region: '440305', contactName: '张总', phone: `0755${String(10_000_000 + i)}`, grade: 'C', deployment: 'saas' },
    }),
  );
}

function realisticBodies(count) {
  const rand = random(20_260_101);
  const seen = new Set();
  const bodies = [];
  for (let i = 0; bodies.length < count; i += 1) {
    const c = company(rand, i);
    const name = nameOf(c);
    if (seen.has(name)) continue;
    seen.add(name);
    bodies.push(
      JSON.stringify({
        industry: 'software',
        customer: { companyName: name, creditCode: c.creditCode, region: '440305', contactName: '张总', phone: c.phone, grade: 'C', deployment: 'saas' },
      }),
    );
  }
  return bodies;
}

process.once('message', (job) => {
  const bodies = job.names === 'realistic' ? realisticBodies(job.amount) : syntheticBodies(job.amount);
  let n = 0;
  const setupRequest = (request) => {
    const k = n++;
    const body = bodies[k % bodies.length];
    if (job.tokens.length === 0) return { ...request, body };
    return { ...request, body, headers: { ...request.headers, authorization: job.tokens[k % job.tokens.length] } };
  };
  // Autocannon ends a run at its next whole-second sample, so its duration can be nearly a second
  // past the last response: the rate is taken from the first request to the last response instead.
  const started = performance.now();
  let lastResponse = started;
  const run = autocannon(
    { url: job.url, connections: job.connections, amount: job.amount, method: 'POST', headers: { 'content-type': 'application/json' }, requests: [{ setupRequest }] },
    (error, result) => {
      if (error) {
        process.send({ type: 'error', message: String(error) }, () => process.exit(1));
        return;
      }
      const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
      process.send(
        {
          type: 'result',
          // Responses over the time they took (autocannon's own average is of whole-second samples, its duration rounded up to one).
          requestsPerSecond: lastResponse > started ? result.requests.total / ((lastResponse - started) / 1000) : 0,
          total: result.requests.total,
          p50: result.latency.p50,
          p99: result.latency.p99,
          durationSeconds: (lastResponse - started) / 1000,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
        },
        () => process.exit(0),
      );
    },
  );
  run.on('response', () => {
    lastResponse = performance.now();
  });
});
