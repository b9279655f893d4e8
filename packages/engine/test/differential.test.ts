import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryFacts, createPolicy, differentialCheck, PolicyError, validateRuleFile } from '../src/index.js';
import type { Condition, Decision, Policy, RuleFile } from '../src/index.js';
import { territoryRuleFile } from '../bench/territoryRules.js';
import { shippedRuleFile } from './fixtures.js';

const NOW = '2026-06-15T09:30:00.000Z';
const essence = (d: Decision) => ({ outcomes: d.outcomes, fired: d.fired, explanation: d.explanation });

/** Decides on both paths; undefined when the schemas reject the facts. */
async function bothPaths(policy: Policy, facts: Record<string, unknown>) {
  try {
    const fast = await policy.decide(facts, { engine: 'fast', now: NOW });
    const reference = await policy.decide(facts, { engine: 'reference', now: NOW });
    return { fast, reference };
  } catch (error) {
    if (error instanceof PolicyError && error.code === 'invalid-facts') return undefined;
    throw error;
  }
}

async function agreeOnRandomFacts(file: RuleFile, numRuns: number) {
  const policy = await createPolicy(file, { verify: false });
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(arbitraryFacts(file, Date.parse(NOW)), async (facts) => {
      const both = await bothPaths(policy, facts);
      if (!both) return;
      compared += 1;
      expect(essence(both.fast)).toEqual(essence(both.reference));
      expect(essence(policy.decideSync(facts, { now: NOW }))).toEqual(essence(both.reference));
    }),
    { numRuns, seed: 20261123 },
  );
  return compared;
}

describe('fast path and json-rules-engine agree', () => {
  for (const name of ['assignment', 'claim-eligibility', 'credit-risk'] as const) {
    it(`on random facts for the shipped ${name} policy`, async () => {
      expect(await agreeOnRandomFacts(shippedRuleFile(name), 300)).toBeGreaterThan(150);
    });
  }

  it('on random facts for 200 territory rules', async () => {
    expect(await agreeOnRandomFacts(territoryRuleFile(200), 100)).toBeGreaterThan(50);
  });

  it('on random rule files over random facts (every operator, nested groups, both hit policies)', async () => {
    await fc.assert(
      fc.asyncProperty(randomRuleFile(), fc.integer(), async (file, seed) => {
        expect(validateRuleFile(file).issues).toEqual([]);
        const policy = await createPolicy(file, { verify: false });
        const samples = fc.sample(arbitraryFacts(file, Date.parse(NOW)), { numRuns: 12, seed });
        for (const facts of samples) {
          const both = await bothPaths(policy, facts);
          if (both) expect(essence(both.fast)).toEqual(essence(both.reference));
        }
      }),
      { numRuns: 120, seed: 7 },
    );
  });

  it('the differential check reports a disagreement when there is one', async () => {
    // A "fast path" whose threshold is off by one (51 instead of 50) must be caught.
    const file = territoryRuleFile(10);
    const shifted = structuredClone(file);
    (shifted.rules[0]!.conditions as { all: Array<{ value: unknown }> }).all[1]!.value = 51;
    const right = await createPolicy(file, { verify: false });
    const wrong = await createPolicy(shifted, { verify: false });
    const broken: Policy = {
      ruleFile: file,
      fastPathEnabled: true,
      selfCheck: undefined,
      decide: (facts, options) => (options?.engine === 'fast' ? wrong : right).decide(facts, options),
      decideSync: (facts, options) => wrong.decideSync(facts, options),
    };
    const report = await differentialCheck(broken, file, { runs: 400, seed: 3 });
    expect(report.mismatches.length).toBeGreaterThan(0);
    const [first] = report.mismatches;
    expect(first!.fast).not.toEqual(first!.reference);
    expect((await differentialCheck(right, file, { runs: 100, seed: 3 })).mismatches).toEqual([]);
  });
});

// --- random rule files ---------------------------------------------------

const FACTS: RuleFile['facts'] = {
  c: {
    title: 'Customer',
    type: 'object',
    required: ['num'],
    properties: {
      num: { type: 'integer', minimum: -5, maximum: 2000 },
      str: { type: 'string' },
      day: { type: 'string', format: 'date' },
      tags: { type: 'array', items: { type: 'string' } },
      region: { type: 'string' },
      flag: { type: 'boolean' },
      inner: { type: ['object', 'null'], properties: { x: { type: 'number' } } },
    },
  },
  n: { title: 'A number', type: 'number', minimum: -100, maximum: 100 },
  s: { title: 'A string', type: ['string', 'null'] },
};

const comparisons: fc.Arbitrary<Condition>[] = [
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.num'), operator: fc.constantFrom('lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'), value: fc.integer({ min: -5, max: 2000 }) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.num'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.integer({ min: -5, max: 20 }) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.num'), operator: fc.constant('between'), value: fc.tuple(fc.integer({ min: -5, max: 500 }), fc.integer({ min: 500, max: 2000 })) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.num'), operator: fc.constant('greaterThan'), value: fc.constant({ fact: 'n' }) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.str'), operator: fc.constantFrom('in', 'notIn', 'matchesAny'), value: fc.array(fc.constantFrom('a', 'B', 'ａ', 'abc'), { maxLength: 3 }) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.str'), operator: fc.constant('matchesPattern'), value: fc.constantFrom('^a', 'b$', '^[a-c]{2,3}$') }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.str'), operator: fc.constant('isBlank'), value: fc.boolean() }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.day'), operator: fc.constantFrom('olderThanDays', 'withinDays'), value: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.day'), operator: fc.constant('between'), value: fc.constantFrom(['2026-01-01', '2026-06-15'], ['2025-06-01', '2027-01-01']) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.tags'), operator: fc.constantFrom('contains', 'doesNotContain'), value: fc.constantFrom('a', 'b') }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.region'), operator: fc.constant('inRegion'), value: fc.constantFrom('44', '4403', '440305', ['31', '4401']) }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.flag'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() }),
  fc.record({ fact: fc.constant('c'), path: fc.constant('$.inner.x'), operator: fc.constantFrom('greaterThan', 'lessThanInclusive'), value: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ fact: fc.constant('n'), operator: fc.constantFrom('greaterThan', 'lessThan', 'equal'), value: fc.integer({ min: -100, max: 100 }) }),
  fc.record({ fact: fc.constant('s'), operator: fc.constantFrom('equal', 'isBlank'), value: fc.constantFrom('a', true) }).filter(
    (c) => (c.operator === 'isBlank') === (typeof c.value === 'boolean'),
  ),
] as fc.Arbitrary<Condition>[];

const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    ...comparisons,
    fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
})).node;

function randomRuleFile(): fc.Arbitrary<RuleFile> {
  const rule = fc.record({
    priority: fc.integer({ min: 1, max: 3 }),
    conditions: fc.oneof(
      fc.record({ all: fc.array(condition, { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(condition, { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: condition }),
    ),
  });
  return fc.record({ hitPolicy: fc.constantFrom('first', 'collect'), rules: fc.array(rule, { minLength: 1, maxLength: 6 }) }).map(
    ({ hitPolicy, rules }) =>
      ({
        policy: 'assignment',
        version: '0.0.1',
        title: 'random',
        hitPolicy,
        facts: FACTS,
        default: { type: 'review', params: { queue: 'q', reason: 'default' } },
        rules: rules.map((r, i) => ({
          name: `r${i}`,
          ...r,
          event: { type: 'assign', params: { team: `T${i}`, ownership: 'shared' } },
        })),
      }) as RuleFile,
  );
}
