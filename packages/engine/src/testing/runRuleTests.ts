import { isDeepStrictEqual } from 'node:util';
import { PolicyError } from '../errors.js';
import type { PolicyEvent, RuleTestCase } from '../format/ruleFile.js';
import type { Decision } from '../evaluation/decision.js';
import type { Policy } from '../evaluation/createPolicy.js';

/** How one test case came out. */
export interface RuleTestResult {
  name: string;
  passed: boolean;
  /** What differed, one line each. */
  failures: string[];
  decision?: Decision;
}

/** A file's test run: every case, and which rules no passing case made fire. */
export interface RuleTestReport {
  results: RuleTestResult[];
  passed: number;
  failed: number;
  /** Rules that no test case fired. */
  uncoveredRules: string[];
  /** True when some test case ended on the default outcome. */
  defaultCovered: boolean;
}

/** Subset match: the type is equal and every listed param is deeply equal; others are ignored. */
export function outcomeMatches(actual: PolicyEvent, expected: PolicyEvent): string[] {
  const failures: string[] = [];
  if (actual.type !== expected.type) failures.push(`outcome type: expected ${expected.type}, got ${actual.type}`);
  for (const [key, value] of Object.entries(expected.params ?? {})) {
    const got = actual.params?.[key];
    if (!isDeepStrictEqual(got, value)) {
      failures.push(`outcome param ${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
    }
  }
  return failures;
}

async function runOne(policy: Policy, test: RuleTestCase): Promise<RuleTestResult> {
  let decision: Decision;
  try {
    decision = await policy.decide(test.facts, test.now ? { now: test.now } : {});
  } catch (error) {
    const message = error instanceof PolicyError ? error.message : String(error);
    return { name: test.name, passed: false, failures: [`facts rejected: ${message}`] };
  }
  const failures: string[] = [];
  if (test.expect.outcome) failures.push(...outcomeMatches(decision.outcome, test.expect.outcome));
  if (test.expect.fired && !isDeepStrictEqual(decision.fired, test.expect.fired)) {
    failures.push(`fired: expected ${JSON.stringify(test.expect.fired)}, got ${JSON.stringify(decision.fired)}`);
  }
  return { name: test.name, passed: failures.length === 0, failures, decision };
}

/** Runs the test cases of a policy's rule file (or the cases given). */
export async function runRuleTests(policy: Policy, tests: readonly RuleTestCase[] = policy.ruleFile.tests ?? []): Promise<RuleTestReport> {
  const results: RuleTestResult[] = [];
  for (const test of tests) results.push(await runOne(policy, test));
  const firedAnywhere = new Set(results.flatMap((result) => result.decision?.fired ?? []));
  return {
    results,
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed).length,
    uncoveredRules: policy.ruleFile.rules.map((rule) => rule.name).filter((name) => !firedAnywhere.has(name)),
    defaultCovered: results.some((r) => r.decision !== undefined && r.decision.fired.length === 0 && !r.decision.error),
  };
}
