import { describe, expect, it } from 'vitest';
import { createPolicy, runRuleTests, validateRuleFile } from '../src/index.js';
import { shippedRuleFile } from './fixtures.js';

describe.each(['assignment', 'claim-eligibility', 'credit-risk'] as const)('shipped %s policy', (name) => {
  const file = shippedRuleFile(name);

  it('is valid and declares its own policy', () => {
    expect(validateRuleFile(file).issues).toEqual([]);
    expect(file.policy).toBe(name);
  });

  it('passes its own tests, which fire every rule and reach the default', async () => {
    const report = await runRuleTests(await createPolicy(file, { verify: false }));
    expect(report.results.filter((r) => !r.passed)).toEqual([]);
    expect(report.passed).toBeGreaterThanOrEqual(10);
    expect(report.uncoveredRules).toEqual([]);
    expect(report.defaultCovered).toBe(true);
  });

  it('titles every test in Chinese and in English, each title its own', () => {
    const tests = file.tests ?? [];
    expect(tests.filter((test) => !/[\u4e00-\u9fff]/.test(test.title?.zh ?? '') || !test.title?.en || /[\u4e00-\u9fff]/.test(test.title.en)).map((test) => test.name)).toEqual([]);
    expect(new Set(tests.map((test) => test.title?.zh)).size).toBe(tests.length);
  });
});

describe('shipped policies', () => {
  it('route with at least 30 territory rules', () => {
    const rules = shippedRuleFile('assignment').rules;
    const territorial = rules.filter((rule) => JSON.stringify(rule.conditions).includes('"inRegion"'));
    expect(territorial.length).toBeGreaterThanOrEqual(30);
  });

  it('report a failing expectation in a test case', async () => {
    const file = shippedRuleFile('credit-risk');
    file.tests![0]!.expect.outcome = { type: 'assess', params: { tier: 'medium' } };
    const report = await runRuleTests(await createPolicy(file, { verify: false }));
    expect(report.failed).toBe(1);
    expect(report.results[0]!.failures).toEqual(['outcome param tier: expected "medium", got "low"']);
  });
});
