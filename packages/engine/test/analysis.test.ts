import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeRuleFile, createPolicy, diffRuleFiles, simulate } from '../src/index.js';
import type { RuleDefinition, RuleFile } from '../src/index.js';
import { shippedRuleFile, smallAssignmentFile } from './fixtures.js';

const codes = (file: RuleFile, regions?: string[]) => analyzeRuleFile(file, regions ? { regions } : {}).map((w) => [w.code, w.pointer]);

function rule(name: string, priority: number, all: RuleDefinition['conditions'], team = 'A'): RuleDefinition {
  return { name, priority, conditions: all, event: { type: 'assign', params: { team, ownership: 'dedicated', strategy: 'least-loaded' } } };
}
const region = (value: string | string[]) => ({ fact: 'customer', path: '$.regionCode', operator: 'inRegion' as const, value });
const employees = (operator: 'lessThan' | 'greaterThanInclusive', value: number) => ({ fact: 'customer', path: '$.employees', operator, value });

describe('static analysis', () => {
  it('finds nothing to warn about in the shipped assignment and eligibility policies', () => {
    expect(codes(shippedRuleFile('assignment'))).toEqual([]);
    expect(codes(shippedRuleFile('claim-eligibility'))).toEqual([]);
    expect(codes(shippedRuleFile('credit-risk'))).toEqual([]);
  });

  it('reports contradictory conditions: region in 44 and region in 31, or an empty range', () => {
    const file = smallAssignmentFile();
    file.rules = [rule('both-coasts', 10, { all: [region('44'), region('31')] }), rule('empty-range', 10, { all: [employees('lessThan', 10), employees('greaterThanInclusive', 50)] }, 'B'), rule('fine', 5, { all: [region('4403'), region('44')] }, 'C')];
    const warnings = analyzeRuleFile(file);
    expect(warnings.filter((w) => w.code === 'rule-contradictory').map((w) => w.pointer)).toEqual(['/rules/0', '/rules/1']);
    expect(warnings[0]!.message.en).toContain('regionCode inRegion "44" and customer.regionCode inRegion "31"');
    expect(warnings[0]!.message.zh).toContain('永远不会触发');
  });

  it('reports a rule shadowed by a broader rule of higher priority, and equal-priority rules that can both match', () => {
    const file = smallAssignmentFile();
    file.rules = [
      rule('guangdong', 20, { all: [region('44')] }, 'South'),
      rule('shenzhen-big', 10, { all: [region('4403'), employees('greaterThanInclusive', 1000)] }, 'Shenzhen'),
      rule('beijing', 5, { all: [region('11')] }, 'North'),
      rule('big-anywhere', 5, { all: [employees('greaterThanInclusive', 1000)] }, 'National'),
      rule('beijing-again', 5, { all: [region('11')] }, 'North'),
    ];
    delete file.facts['tags'];
    expect(codes(file)).toEqual([
      ['rule-shadowed', '/rules/1'],
      ['rules-overlap', '/rules/3'],
      ['rule-shadowed', '/rules/4'],
    ]);
    // Under collect every rule counts: nothing is shadowed.
    expect(codes({ ...file, hitPolicy: 'collect' })).toEqual([]);
  });

  it('reports declared facts no rule reads, and territory regions no rule reaches', () => {
    const file = smallAssignmentFile();
    file.facts['unusedScore'] = { title: 'Score', type: 'number' };
    delete file.facts['tags'];
    file.rules = [rule('guangdong', 20, { all: [region('44')] }), rule('shanghai', 20, { all: [region('31')] }, 'East')];
    expect(codes(file, ['440305', '310000', '650102'])).toEqual([
      ['fact-unused', '/facts/unusedScore'],
      ['territory-gap', '/rules'],
    ]);
    expect(analyzeRuleFile(file, { regions: ['650102'] }).at(-1)!.message.en).toBe('Region 650102 is in a territory but no rule can route a customer there');
  });
});

describe('diff', () => {
  it('lists rules added, removed and changed, with the changed conditions', () => {
    const from = shippedRuleFile('assignment');
    const to = structuredClone(from);
    to.version = '1.2.0';
    to.rules = to.rules.filter((r) => r.name !== 'sme-northeast');
    const east = to.rules.find((r) => r.name === 'sme-east')!;
    east.priority = 21;
    (east.conditions as { all: Array<{ value: unknown }> }).all[0]!.value = ['31', '32', '33'];
    to.rules.push(rule('new-desk', 25, { all: [region('44')] }, 'Desk'));
    const diff = diffRuleFiles(from, to);
    expect(diff.version).toEqual({ from: from.version, to: '1.2.0' });
    expect(diff.rules.added).toEqual(['new-desk']);
    expect(diff.rules.removed).toEqual(['sme-northeast']);
    expect(diff.rules.changed).toEqual([
      {
        name: 'sme-east',
        priority: { from: 20, to: 21 },
        conditions: { removed: ['all: customer.regionCode inRegion ["31","32","33","34","36","37"]'], added: ['all: customer.regionCode inRegion ["31","32","33"]'] },
      },
    ]);
    expect(diffRuleFiles(from, from).rules).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('simulation', () => {
  it('counts transitions and rule hits as computed by hand', async () => {
    const fixture = JSON.parse(readFileSync(new URL('fixtures/simulation.json', import.meta.url), 'utf8'));
    const published = shippedRuleFile('assignment');
    const draft = structuredClone(published);
    draft.rules.push(fixture.draft.add);
    for (const [name, team] of Object.entries(fixture.draft.rename as Record<string, string>)) draft.rules.find((r) => r.name === name)!.event.params!['team'] = team;
    const changedIds: string[] = [];
    const progress: number[] = [];
    const report = await simulate(await createPolicy(published, { verify: false }), await createPolicy(draft, { verify: false }), fixture.records, {
      progressEvery: 3,
      explainChanged: true,
      onProgress: (n) => void progress.push(n),
      onChanged: (record) => {
        changedIds.push(record.id);
        expect(record.published.explanation?.rules.length).toBeGreaterThan(0);
        expect(record.draft.outcome).not.toEqual(record.published.outcome);
      },
    });
    expect(report.records).toBe(fixture.expected.records);
    expect(report.changed).toBe(fixture.expected.changed);
    expect(report.transitions).toEqual(fixture.expected.transitions);
    expect(changedIds).toEqual(fixture.expected.changedIds);
    expect(report.ruleHits.draft).toMatchObject(fixture.expected.draftHits);
    expect(report.ruleHits.published['sme-south']).toBe(3);
    expect(progress).toEqual([3, 6]);
  });

  it('stops when its signal is aborted, and counts records it cannot decide', async () => {
    const policy = await createPolicy(shippedRuleFile('assignment'), { verify: false });
    const controller = new AbortController();
    const records = function* () {
      yield { id: 'bad', facts: { customer: { regionCode: 'nowhere' } } };
      for (let i = 0; i < 100; i += 1) {
        if (i === 10) controller.abort();
        yield { id: `r${i}`, facts: { customer: { regionCode: '440305', type: 'company', employees: 10, industry: 'retail' }, productLine: 'crm' } };
      }
    };
    const report = await simulate(policy, policy, records(), { signal: controller.signal });
    expect(report).toMatchObject({ records: 11, failed: 1, changed: 0 });
  });

  it('reuses a recorded outcome of the published version, and decides again what another version recorded', async () => {
    const file = shippedRuleFile('assignment');
    const policy = await createPolicy(file, { verify: false });
    const facts = { customer: { regionCode: '440305', type: 'company', employees: 10, industry: 'retail' }, productLine: 'crm' };
    const recorded = { outcome: { type: 'assign', params: { team: 'Recorded Team' } }, fired: ['sme-south'] };
    const report = await simulate(policy, policy, [
      { id: 'same-version', facts, recorded: { version: file.version, ...recorded } },
      { id: 'older-version', facts, recorded: { version: '0.9.0', ...recorded } },
    ]);
    // Only the first used the record (so it "changes" to what the rules decide); the second was decided again.
    expect(report.changed).toBe(1);
    expect(report.transitions).toEqual([{ from: 'assign Recorded Team', to: 'assign South China SME', count: 1 }]);
  });

  it('counts an outcome as changed when its values differ, not when its params were recorded in another order', async () => {
    const file = shippedRuleFile('assignment');
    const policy = await createPolicy(file, { verify: false });
    const facts = { customer: { regionCode: '440305', type: 'company', employees: 10, industry: 'retail' }, productLine: 'crm' };
    const decided = policy.decideSync(facts, { explain: false });
    const params = decided.outcome.params!;
    expect(Object.keys(params).length).toBeGreaterThan(1);
    const reordered = { type: decided.outcome.type, params: Object.fromEntries(Object.entries(params).reverse()) };
    const otherTeam = { ...decided.outcome, params: { ...params, team: 'Elsewhere' } };
    const report = await simulate(policy, policy, [
      { id: 'reordered', facts, recorded: { version: file.version, outcome: reordered, fired: decided.fired } },
      { id: 'other-team', facts, recorded: { version: file.version, outcome: otherTeam, fired: decided.fired } },
    ]);
    expect(report.changed).toBe(1);
    expect(report.transitions).toEqual([{ from: 'assign Elsewhere', to: `assign ${String(params['team'])}`, count: 1 }]);
  });
  it('counts changes of outcome parameters per value pair: protectionDays 30 → 45 for each grade C record', async () => {
    const published = shippedRuleFile('claim-eligibility');
    const draft = structuredClone(published);
    draft.rules.find((r) => r.name === 'protect-grade-c')!.event.params!['protectionDays'] = 45;
    const gradeC = published.tests!.find((t) => t.name === 'grade C is protected 30 days')!;
    const gradeB = published.tests!.find((t) => t.name.startsWith('grade B'))!;
    const records = [1, 2, 3].map((n) => ({ id: `c${n}`, facts: gradeC.facts, ...(gradeC.now ? { at: gradeC.now } : {}) }));
    records.push({ id: 'b', facts: gradeB.facts, ...(gradeB.now ? { at: gradeB.now } : {}) });
    const report = await simulate(await createPolicy(published, { verify: false }), await createPolicy(draft, { verify: false }), records);
    expect(report.changed).toBe(3);
    expect(report.parameterChanges).toEqual([{ type: 'eligible', param: 'protectionDays', from: 30, to: 45, count: 3 }]);
  });
});
