import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// An admin's round trip through the installed `crm-policy` command, as a separate process.
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'packages/engine/bin/crm-policy.js');

function crmPolicy(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('an admin edits a rule file with the crm-policy command', () => {
  it('sees every problem of a broken file with pointers, fixes it, tests and evaluates it', () => {
    const rules = mkdtempSync(join(tmpdir(), 'crm-policy-journey-'));
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    const path = join(rules, 'claim-eligibility.json');
    const original = readFileSync(path, 'utf8');
    const broken = JSON.parse(original);
    const cap = broken.rules.findIndex((rule: { name: string }) => rule.name === 'claim-cap-reached');
    const keyPerson = broken.rules.findIndex((rule: { name: string }) => rule.name === 'grade-a-needs-key-person');
    broken.rules[cap].conditions.all[0].operator = 'greaterThanInclusiv';
    broken.rules[keyPerson].conditions.all.push({ fact: 'customerSegment', operator: 'equal', value: 'SMB' });
    writeFileSync(path, JSON.stringify(broken, null, 2));

    const rejected = crmPolicy(['validate', '--rules', rules]);
    expect(rejected.code).toBe(1);
    expect(rejected.out).toContain(`/rules/${cap}/conditions/all/0/operator`);
    expect(rejected.out).toContain(`/rules/${keyPerson}/conditions/all/2/fact`);
    expect(rejected.out).toContain('customerSegment');
    expect(rejected.out).toMatch(/✓ .*assignment\.json/);

    writeFileSync(path, original);
    expect(crmPolicy(['validate', '--rules', rules]).code).toBe(0);
    const tested = crmPolicy(['test', '--rules', rules]);
    expect(tested.code).toBe(0);
    expect(tested.out).toMatch(/rule tests: \d+ passed, 0 failed/);

    const facts = readFileSync(join(ROOT, 'docs/examples/claim-eligibility.facts.json'), 'utf8');
    const decided = crmPolicy(['evaluate', 'claim-eligibility', '--rules', rules, '--facts', '-', '--json'], facts);
    expect(decided.code).toBe(0);
    const decision = JSON.parse(decided.out);
    expect(decision.outcome).toMatchObject({ type: 'deny', params: { reason: 'already-claimed', holder: { name: '王强' } } });
    expect(decision.outcomes.map((o: { params: { reason?: string } }) => o.params.reason)).toContain('missing-buying-intent');
  });

  it('is told what to fix when the input is wrong, with exit status 2', () => {
    const bad = crmPolicy(['evaluate', 'credit-risk', '--facts', '-'], '{"creditScore": "high"}');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('/creditScore');
    expect(bad.err).toContain('requestedLimit');
    const usage = crmPolicy(['evaluate']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Name a policy');
    const help = crmPolicy(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: crm-policy');
  });
});
