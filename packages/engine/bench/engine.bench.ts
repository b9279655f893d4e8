/**
 * npm run bench:engine — decisions per second for an assignment policy of 200
 * territory rules (3 comparisons each), measured in one run:
 *   json-rules-engine with one reused Engine, the compiled fast path without
 *   and with explanations, and a hand-written TypeScript function for the same
 *   rules; then the ratios between them.
 */
import { Engine } from 'json-rules-engine';
import { createPolicy, operators, regionPrefix } from '../src/index.js';
import { sampleCustomers, territories, territoryRuleFile } from './territoryRules.js';

const RULES = Number(process.env['BENCH_RULES'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 2);
const file = territoryRuleFile(RULES);
const inputs = sampleCustomers(5000);

interface Measurement {
  name: string;
  perSecond: number;
  p99Ms: number;
  decisions: number;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function measure(name: string, decide: (facts: (typeof inputs)[number]) => unknown): Promise<Measurement> {
  for (let i = 0; i < 200; i += 1) await decide(inputs[i % inputs.length]!);
  const latencies: number[] = [];
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < SECONDS * 1000) {
    // Batches keep the clock reads from dominating the fast measurements.
    const batchStart = performance.now();
    for (let i = 0; i < 50; i += 1) {
      const result = decide(inputs[count % inputs.length]!);
      if (result instanceof Promise) await result;
      count += 1;
    }
    latencies.push((performance.now() - batchStart) / 50);
  }
  const elapsed = (performance.now() - started) / 1000;
  return { name, perSecond: count / elapsed, p99Ms: percentile(latencies, 0.99), decisions: count };
}

/** The same 200 rules written by hand: the ceiling any generic evaluator is measured against. */
function handWritten() {
  const ordered = territories(RULES)
    .map((t, index) => ({ ...t, index, prefix: regionPrefix(t.region)! }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  return (facts: (typeof inputs)[number]): string => {
    const { regionCode, employees, industry } = facts.customer;
    const prefix = regionPrefix(regionCode);
    if (prefix === undefined) return 'unrouted';
    for (const t of ordered) {
      if (prefix.startsWith(t.prefix) && employees >= t.minEmployees && t.industries.includes(industry)) return t.team;
    }
    return 'unrouted';
  };
}

function reusedJsonRulesEngine() {
  const engine = new Engine(
    file.rules.map((rule) => ({ ...rule, priority: rule.priority ?? 1 })) as never,
    { allowUndefinedFacts: false },
  );
  for (const spec of operators.values()) {
    if (!spec.builtIn) engine.addOperator(spec.name, (a: unknown, b: unknown) => spec.evaluate(a, b, { now: Date.now() }));
  }
  return async (facts: (typeof inputs)[number]) => (await engine.run(facts)).events[0]?.params?.['team'] ?? 'unrouted';
}

const policy = await createPolicy(file, { verify: { runs: 30 } });
const hand = handWritten();

// The figures mean something only if all evaluators decide alike.
let disagreements = 0;
for (const facts of inputs.slice(0, 2000)) {
  const fast = policy.decideSync(facts, { explain: false }).outcome.params?.['team'] ?? 'unrouted';
  if (fast !== hand(facts)) disagreements += 1;
}

const results: Measurement[] = [];
results.push(await measure('json-rules-engine, one Engine reused', reusedJsonRulesEngine()));
results.push(await measure('reference path (new Engine per decision)', (facts) => policy.decide(facts, { engine: 'reference' })));
results.push(await measure('fast path, no explanation', (facts) => policy.decideSync(facts, { explain: false })));
results.push(await measure('fast path, full explanation', (facts) => policy.decideSync(facts)));
results.push(await measure('hand-written TypeScript', hand));

const [jre, , fast, fastExplained, handMade] = results as [Measurement, Measurement, Measurement, Measurement, Measurement];
const format = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`assignment policy, ${RULES} territory rules × 3 conditions, ${SECONDS}s per evaluator, node ${process.version}`);
console.log(`evaluators disagreeing with the hand-written function on 2000 customers: ${disagreements}`);
console.log(`load-time differential check: ${policy.selfCheck?.compared} fact sets, ${policy.selfCheck?.mismatches.length} mismatches\n`);
console.log('evaluator'.padEnd(44) + 'decisions/s'.padStart(14) + 'p99 ms'.padStart(10));
for (const r of results) console.log(r.name.padEnd(44) + format(r.perSecond).padStart(14) + r.p99Ms.toFixed(4).padStart(10));
console.log('');
console.log(`hand-written / fast path (aim ≤ 10×):                      ${(handMade.perSecond / fast.perSecond).toFixed(1)}×`);
console.log(`fast path with explanations / json-rules-engine (aim ≥ 100×): ${(fastExplained.perSecond / jre.perSecond).toFixed(1)}×`);
console.log(`fast path / json-rules-engine:                              ${(fast.perSecond / jre.perSecond).toFixed(1)}×`);
if (disagreements > 0) process.exitCode = 1;
