import { describe, expect, it } from 'vitest';
import { createPolicy, PolicyError, validateRuleFile } from '../src/index.js';
import type { RuleFile } from '../src/index.js';
import { smallAssignmentFile } from './fixtures.js';

// Regression: patterns that backtrack catastrophically on a JavaScript RegExp. The nested-quantifier check caught the
// first two and let `^(a|a)+$` through; one decision on 30 × "a" + "!" then held the process for seconds.
// No timing is asserted: each test runs the evaluation, and a backtracking engine makes it exceed its timeout.
const SLOW_PATTERNS = ['(\\w+\\s?)+$', '^(a+)+$', '^(a|a)+$'];
const ADVERSARIAL = 'a'.repeat(30) + '!';
const TIMEOUT = { timeout: 5_000 };

/** The small assignment file with a first rule that fires when the customer's name matches `pattern`. */
function fileMatching(pattern: string): RuleFile {
  const file = smallAssignmentFile();
  file.rules.unshift({
    name: 'name-pattern',
    priority: 20,
    conditions: { all: [{ fact: 'customer', path: '$.name', operator: 'matchesPattern', value: pattern }] },
    event: { type: 'assign', params: { team: 'Pattern', ownership: 'shared' } },
  });
  return file;
}

const named = (name: string) => ({ customer: { regionCode: '110101', employees: 5, name } });

describe.each(SLOW_PATTERNS)('the pattern %s in a rule', (pattern) => {
  it('is accepted, and decides 30 × "a" + "!" on both evaluators', TIMEOUT, async () => {
    expect(validateRuleFile(fileMatching(pattern)).issues).toEqual([]);
    const policy = await createPolicy(fileMatching(pattern), { verify: false });
    for (const engine of ['fast', 'reference'] as const) {
      expect((await policy.decide(named(ADVERSARIAL), { engine })).fired).toEqual([]);
      expect((await policy.decide(named('aaaa'), { engine })).fired).toEqual(['name-pattern']);
    }
  });

  it('decides a 10,000-character and a 50,000-character adversarial name', TIMEOUT, async () => {
    const policy = await createPolicy(fileMatching(pattern), { verify: false });
    expect(policy.decideSync(named('a'.repeat(9_999) + '!')).fired).toEqual([]);
    expect(policy.decideSync(named('a'.repeat(49_999) + '!')).fired).toEqual([]);
    expect(policy.decideSync(named('a'.repeat(10_000))).fired).toEqual(['name-pattern']);
  });
});

describe.each(SLOW_PATTERNS)('the pattern %s in a fact schema', (pattern) => {
  it('is accepted, and checks an adversarial fact', TIMEOUT, async () => {
    const file = smallAssignmentFile();
    (file.facts['customer']!['properties'] as Record<string, Record<string, unknown>>)['name']!['pattern'] = pattern;
    expect(validateRuleFile(file).issues).toEqual([]);
    const policy = await createPolicy(file, { verify: false });
    for (const name of [ADVERSARIAL, 'a'.repeat(9_999) + '!']) {
      const refused = await policy.decide(named(name)).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PolicyError);
      expect((refused as PolicyError).code).toBe('invalid-facts');
      expect((refused as PolicyError).issues.map((issue) => issue.pointer)).toEqual(['/customer/name']);
    }
    expect((await policy.decide(named('aaaa'))).fired).toEqual([]);
  });
});
