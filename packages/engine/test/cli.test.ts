import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function cli(args: string[], stdin = '', cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => stdin, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function corruptedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-policy-cli-'));
  const file = JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8'));
  file.rules[3].conditions.all[1].operator = 'greaterThan';
  file.rules[3].conditions.all[1].value = 3;
  file.rules[5].name = file.rules[4].name;
  writeFileSync(join(dir, 'assignment.json'), JSON.stringify(file));
  return dir;
}

describe('crm-policy validate', () => {
  it('passes the shipped files', async () => {
    const result = await cli(['validate']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/✓ rules\/assignment\.json: assignment \d+\.\d+\.\d+, \d+ rules/);
    expect(result.out).toContain('claim-eligibility.json');
  });

  it('rejects a corrupted file with pointers, in both languages, exit 1', async () => {
    const dir = corruptedCopy();
    const result = await cli(['validate', 'assignment.json'], '', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain('/rules/3/conditions/all/1/operator  [operator-type-mismatch]');
    expect(result.out).toContain('/rules/5/name  [rule-name-duplicate]');
    expect(result.out).toMatch(/规则名称/);
  });

  it('prints issues as JSON with --json', async () => {
    const result = await cli(['validate', 'assignment.json', '--json'], '', corruptedCopy());
    const report = JSON.parse(result.out) as Array<{ valid: boolean; issues: Array<{ pointer: string }> }>;
    expect(report[0]!.valid).toBe(false);
    // The renamed rule no longer exists under its name: the test that expects it to fire is reported.
    const shipped = JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8')) as { rules: Array<{ name: string }>; tests: Array<{ expect: { fired?: string[] } }> };
    const firing = shipped.tests.findIndex((test) => test.expect.fired?.[0] === shipped.rules[5]!.name);
    expect(report[0]!.issues.map((i) => i.pointer)).toEqual([
      '/rules/5/name',
      `/tests/${firing}/expect/fired/0`,
      '/rules/3/conditions/all/1/operator',
    ]);
  });

  it('exits 2 for a file that does not exist', async () => {
    const result = await cli(['validate', 'nope.json']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('No such file: nope.json');
  });
});

describe('crm-policy evaluate', () => {
  it('explains a decision in words', async () => {
    const result = await cli(['evaluate', 'assignment', '--facts', 'docs/examples/assignment.facts.json']);
    expect(result.code).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8')) as { version: string };
    expect(result.out).toContain(`assignment ${version}: assign`);
    expect(result.out).toContain('customer.employees 480, needs ≥ 1000');
  });

  it('explains in Chinese with --lang zh', async () => {
    const result = await cli(['evaluate', 'claim-eligibility', '--facts', 'docs/examples/claim-eligibility.facts.json', '--lang', 'zh']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('命中规则: already-claimed-by-colleague');
  });

  it('answers JSON Lines with one decision per line, and uses --now', async () => {
    const lines = [
      { creditScore: 800, yearsInBusiness: 8, annualRevenue: 2e7, worstDaysPastDue12m: 0, sectorRiskIndex: 20, requestedLimit: 1e6 },
      { creditScore: 300, yearsInBusiness: 8, annualRevenue: 2e7, worstDaysPastDue12m: 0, sectorRiskIndex: 20, requestedLimit: 1e6 },
    ].map((facts) => JSON.stringify(facts));
    const result = await cli(['evaluate', 'credit-risk', '--facts', '-', '--json', '--now', '2026-02-28'], lines.join('\n') + '\n');
    expect(result.code).toBe(0);
    const decisions = result.out.split('\n').map((line) => JSON.parse(line));
    expect(decisions.map((d) => d.outcome.params.tier)).toEqual(['low', 'reject']);
    expect(decisions[0].outcome.params.nextReviewDate).toBe('2027-02-28');
  });

  it('reads a single JSON object from standard input', async () => {
    const facts = readFileSync(join(ROOT, 'docs/examples/assignment.facts.json'), 'utf8');
    const result = await cli(['evaluate', 'assignment', '--facts', '-', '--json'], facts);
    expect(JSON.parse(result.out).fired).toEqual(['sme-south']);
  });

  it('exits 2 naming the bad fact', async () => {
    const result = await cli(['evaluate', 'assignment', '--facts', '-'], '{"customer": {"regionCode": "440305", "type": "company", "employees": -3, "industry": "technology"}}');
    expect(result.code).toBe(2);
    expect(result.err).toContain('/customer/employees');
  });

  it('exits 2 on a JSON Lines line that is not JSON, still answering the others', async () => {
    const good = JSON.stringify({ customer: { regionCode: '440305', type: 'company', employees: 3, industry: 'technology' } });
    const result = await cli(['evaluate', 'assignment', '--facts', '-', '--json'], `${good}\n{oops\n${good}\n`);
    expect(result.code).toBe(2);
    const lines = result.out.split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'invalid-json' } });
  });

  it('exits 2 on bad usage with a message that says what to fix', async () => {
    expect((await cli(['evaluate', 'pricing', '--facts', 'x'])).err).toContain('Unknown policy "pricing"');
    expect((await cli(['evaluate', 'assignment'])).err).toContain('--facts');
    expect((await cli(['evaluate', 'assignment', '--facts', '-', '--now', 'later'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['validate', '--bogus'])).code).toBe(2);
  });
});

describe('crm-policy test', () => {
  it('runs the shipped files’ tests', async () => {
    const result = await cli(['test']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/rule tests: \d+ passed, 0 failed/);
  });

  it('exits 1 when a test fails, naming it and what differed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-cli-'));
    const file = JSON.parse(readFileSync(join(ROOT, 'rules/claim-eligibility.json'), 'utf8'));
    file.tests[0].expect.outcome.params.protectionDays = 45;
    writeFileSync(join(dir, 'claim-eligibility.json'), JSON.stringify(file));
    const result = await cli(['test', 'claim-eligibility.json'], '', dir);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`✗ ${file.tests[0].name}`);
    expect(result.out).toContain('outcome param protectionDays: expected 45, got 90');
  });

  it('exits 1 for an invalid file', async () => {
    const result = await cli(['test', 'assignment.json'], '', corruptedCopy());
    expect(result.code).toBe(1);
    expect(result.out).toContain('cannot be tested');
  });
});

describe('crm-policy simulate', () => {
  it('prints the transitions and rule hits of a draft over a records file, with progress on standard error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-sim-'));
    const fixture = JSON.parse(readFileSync(new URL('fixtures/simulation.json', import.meta.url), 'utf8'));
    const draft = JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8'));
    draft.version = '9.0.0';
    draft.rules.push(fixture.draft.add);
    for (const [name, team] of Object.entries(fixture.draft.rename as Record<string, string>)) draft.rules.find((r: { name: string }) => r.name === name).event.params.team = team;
    writeFileSync(join(dir, 'draft.json'), JSON.stringify(draft));
    writeFileSync(join(dir, 'records.jsonl'), fixture.records.map((r: unknown) => JSON.stringify(r)).join('\n') + '\n');
    const result = await cli(['simulate', 'assignment', '--draft', join(dir, 'draft.json'), '--records', join(dir, 'records.jsonl'), '--changes', join(dir, 'changes.jsonl')]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('8 records');
    expect(result.out).toMatch(/2 {2}assign South China SME → assign Shenzhen Desk/);
    expect(result.out).toMatch(/sme-guangdong-desk +0 → +2 {2}▲/);
    expect(result.err).toMatch(/simulating .* 100%/);
    const changes = readFileSync(join(dir, 'changes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id);
    expect(changes).toEqual(fixture.expected.changedIds);
    const json = JSON.parse((await cli(['simulate', 'assignment', '--draft', join(dir, 'draft.json'), '--records', join(dir, 'records.jsonl'), '--json'])).out);
    expect(json.transitions).toEqual(fixture.expected.transitions);
  });

  it('exits 2 naming what is missing or broken', async () => {
    expect((await cli(['simulate', 'assignment', '--records', 'x.jsonl'])).err).toMatch(/--draft/);
    expect((await cli(['simulate', 'assignment', '--draft', 'rules/assignment.json', '--records', 'nowhere.jsonl'])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'crm-policy-sim-'));
    writeFileSync(join(dir, 'bad.jsonl'), '{"customer":{}}\nnot json\n');
    const bad = await cli(['simulate', 'assignment', '--draft', 'rules/assignment.json', '--records', join(dir, 'bad.jsonl')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 2 is not JSON/);
  });
});
