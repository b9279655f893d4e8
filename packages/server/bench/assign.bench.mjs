// npm run bench:assign — routes synthetic leads through the assignment policy and the
// balancer (reserving loads and granting claims on the embedded store), beside the bare
// policy decision for the same leads as the baseline. BENCH_LEADS (default 100000).
import { randomUUID } from 'node:crypto';
import { BENCH_ADMIN as ADMIN, openBenchApp } from './benchApp.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const CONCURRENCY = 32;

const { policies, services, close } = await openBenchApp('assign');

// Four teams with territories and members: round-robin (SMEs), least-loaded (large), and capacity (government).
const TEAMS = [
  { name: 'Shenzhen City', regions: ['4403'], members: 8 },
  { name: 'Guangzhou City', regions: ['4401'], members: 6 },
  { name: 'Beijing City', regions: ['11'], members: 10 },
  { name: 'Public Sector', regions: [], members: 6 },
];
const REGIONS = ['440305', '440304', '440106', '440104', '110108', '110105'];
for (const spec of TEAMS) {
  const team = await services.users.createTeam(spec.name);
  const members = [];
  for (let i = 0; i < spec.members; i += 1) {
    const user = await services.users.createUser({ username: `${team._id.slice(0, 8)}-${i}`, password: 'bench-password-123', displayName: `${spec.name} ${i}`, role: 'rep', teams: [team._id] });
    members.push({ userId: user._id, role: i % 2 ? 'field' : 'inside', capacity: spec.name === 'Public Sector' ? Math.ceil(LEADS / 60) : LEADS, available: true });
  }
  if (spec.regions.length > 0) await services.teamSetup.setTerritories(ADMIN, team._id, [{ regions: spec.regions }]);
  await services.teamSetup.setMembers(ADMIN, team._id, members);
}

let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
const leads = Array.from({ length: LEADS }, (_, i) => {
  const employees = rand() < 0.2 ? 1000 + Math.floor(rand() * 5000) : Math.floor(rand() * 900);
  const industry = rand() < 0.05 ? 'government' : 'technology';
  return {
    _id: randomUUID(),
    name: `bench-${i}`,
    grade: 'ABCD'[Math.floor(rand() * 4)],
    templateVersion: 0,
    routing: { region: REGIONS[Math.floor(rand() * REGIONS.length)], type: 'company', employees, industry, productLine: 'crm' },
  };
});

// Baseline: the bare policy decision for every lead.
const policy = policies.assignment;
let started = performance.now();
for (const lead of leads) {
  policy.decide({ customer: { regionCode: lead.routing.region, type: 'company', employees: lead.routing.employees, industry: lead.routing.industry }, productLine: 'crm', territory: { team: 'Shenzhen City', region: '4403' } });
}
const bareSeconds = (performance.now() - started) / 1000;

// Policy, territory and balancer, with the loads reserved and the claims granted in the store.
const outcomes = { assigned: 0, queued: 0, held: 0 };
started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < leads.length) {
      const lead = leads[next++];
      const result = await services.assignment.assign(ADMIN, lead);
      outcomes[result.status] += 1;
    }
  }),
);
const assignSeconds = (performance.now() - started) / 1000;

console.log(`assignment of ${LEADS} leads on the embedded store, ${CONCURRENCY} at a time, node ${process.version}`);
console.log(`bare policy decision   ${(LEADS / bareSeconds).toFixed(0).padStart(9)} leads/s`);
console.log(`policy + balancer      ${(LEADS / assignSeconds).toFixed(0).padStart(9)} leads/s  (${(bareSeconds / assignSeconds * 100).toFixed(1)}% of the bare decision rate; ${(assignSeconds / bareSeconds).toFixed(1)}× its time)`);
console.log(`outcomes: ${outcomes.assigned} assigned, ${outcomes.queued} queued, ${outcomes.held} held`);
for (const team of await services.users.teams.find({}, { sort: { name: 1 } })) {
  const report = await services.teamSetup.balance(ADMIN, team._id);
  const active = report.members.map((m) => m.active);
  console.log(`${team.name.padEnd(16)} members ${String(active.length).padStart(2)}  load min ${report.spread.min} max ${report.spread.max}  max/min ${report.spread.ratio ?? '—'}  cv ${report.spread.cv}`);
}
await close();
