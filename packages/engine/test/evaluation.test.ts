import { describe, expect, it } from 'vitest';
import { createPolicy, describeDecision, loadPolicy, PolicyError } from '../src/index.js';
import type { RuleFile } from '../src/index.js';
import { clone, smallAssignmentFile } from './fixtures.js';

const customer = (regionCode: string, employees: number) => ({ customer: { regionCode, employees } });

describe('hit policy first', () => {
  it('lets the highest-priority succeeding rule decide', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    for (const engine of ['fast', 'reference'] as const) {
      const decision = await policy.decide(customer('440305', 2000), { engine });
      expect(decision.fired).toEqual(['large-guangdong']);
      expect(decision.outcomes).toEqual([{ type: 'assign', params: { team: 'South Enterprise', ownership: 'dedicated' } }]);
      expect(decision.outcome).toBe(decision.outcomes[0]);
      expect(decision.engine).toBe(engine);
    }
  });

  it('breaks ties of priority by file order', async () => {
    const file = smallAssignmentFile();
    file.rules[1]!.priority = 10;
    file.rules.reverse();
    const policy = await createPolicy(file);
    for (const engine of ['fast', 'reference'] as const) {
      expect((await policy.decide(customer('440305', 2000), { engine })).fired).toEqual(['any-guangdong']);
    }
  });

  it('falls back to the default, and names the nearest rule', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    const decision = await policy.decide(customer('310115', 2000));
    expect(decision.fired).toEqual([]);
    expect(decision.outcomes).toEqual([{ type: 'review', params: { queue: 'unrouted', reason: 'no rule' } }]);
    expect(decision.explanation?.nearestMiss?.rule).toBe('large-guangdong');
    expect(decision.explanation?.nearestMiss?.failed).toHaveLength(1);
    expect(decision.explanation?.nearestMiss?.failed[0]).toMatchObject({ operator: 'inRegion', actual: '310115', result: false });
  });

  it('records the version, the clock and the duration of each decision', async () => {
    const policy = await createPolicy(smallAssignmentFile(), { clock: () => new Date('2026-01-02T03:04:05Z') });
    const decision = await policy.decide(customer('440305', 1));
    expect(decision).toMatchObject({ policy: 'assignment', version: '1.0.0', decidedAt: '2026-01-02T03:04:05.000Z' });
    expect(decision.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('hit policy collect', () => {
  it('reports every succeeding rule in priority order', async () => {
    const file = smallAssignmentFile();
    file.hitPolicy = 'collect';
    const policy = await createPolicy(file);
    for (const engine of ['fast', 'reference'] as const) {
      const decision = await policy.decide(customer('440305', 2000), { engine });
      expect(decision.fired).toEqual(['large-guangdong', 'any-guangdong']);
      expect(decision.outcomes.map((o) => o.params?.['team'])).toEqual(['South Enterprise', 'South SME']);
      expect(decision.explanation?.rules.map((r) => r.result)).toEqual([true, true]);
    }
  });
});

describe('explanations', () => {
  it('list each condition with fact, path, operator, expected, actual and result', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    const decision = await policy.decide(customer('440305', 480));
    const large = decision.explanation!.rules[0]!;
    expect(large).toMatchObject({ name: 'large-guangdong', priority: 10, result: false, failedConditions: 1 });
    expect(large.conditions.conditions[1]).toEqual({
      fact: 'customer',
      path: '$.employees',
      operator: 'greaterThanInclusive',
      expected: 1000,
      expectedValue: 1000,
      actual: 480,
      result: false,
    });
  });

  it('name the margin in words, in English and Chinese', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    const decision = await policy.decide(customer('440305', 480));
    expect(describeDecision(decision, 'en')).toContain('customer.employees 480, needs ≥ 1000');
    expect(describeDecision(decision, 'zh')).toContain('customer.employees 480，需要 ≥ 1000');
    expect(describeDecision(decision, 'en')).toContain('fired: any-guangdong');
  });

  it('are left out when not asked for', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    expect((await policy.decide(customer('440305', 480), { explain: false })).explanation).toBeUndefined();
    expect(policy.decideSync(customer('440305', 480), { explain: false }).fired).toEqual(['any-guangdong']);
  });

  it('resolve fact-to-fact comparisons and facts in outcome params', async () => {
    const file = smallAssignmentFile();
    file.facts['owner'] = { title: 'Owner', type: 'object', properties: { team: { type: 'string' }, limit: { type: 'integer' } } };
    file.rules[0]!.conditions = { all: [{ fact: 'customer', path: '$.employees', operator: 'greaterThan', value: { fact: 'owner', path: '$.limit' } }] };
    file.rules[0]!.event = { type: 'assign', params: { team: { fact: 'owner', path: '$.team' }, ownership: 'dedicated' } };
    const policy = await createPolicy(file);
    for (const engine of ['fast', 'reference'] as const) {
      const decision = await policy.decide({ ...customer('440305', 480), owner: { team: 'Own Team', limit: 100 } }, { engine });
      expect(decision.outcome).toEqual({ type: 'assign', params: { team: 'Own Team', ownership: 'dedicated' } });
      expect(decision.explanation!.rules[0]!.conditions.conditions[0]).toMatchObject({ expected: { fact: 'owner', path: '$.limit' }, expectedValue: 100, actual: 480 });
    }
  });
});

describe('generated evaluators', () => {
  it('treat values from the rule file as data, never as code', async () => {
    const hostile = "x'); throw new Error('injected'); ('";
    const file = smallAssignmentFile();
    file.facts['customer']!['properties'] = { ...(file.facts['customer']!['properties'] as object), name: { type: 'string' } };
    file.rules[0]!.conditions = { all: [{ fact: 'customer', path: '$.name', operator: 'equal', value: hostile }] };
    file.rules[0]!.name = hostile;
    const policy = await createPolicy(file);
    for (const name of [hostile, 'Acme']) {
      const fast = await policy.decide({ customer: { regionCode: '310115', employees: 1, name } }, { engine: 'fast' });
      const reference = await policy.decide({ customer: { regionCode: '310115', employees: 1, name } }, { engine: 'reference' });
      expect(fast.fired).toEqual(name === hostile ? [hostile] : []);
      expect(fast.outcomes).toEqual(reference.outcomes);
    }
  });

  it('do not let a caller change the policy through an explanation', async () => {
    const file = smallAssignmentFile();
    file.rules[0]!.conditions = { all: [{ fact: 'customer', path: '$.regionCode', operator: 'in', value: ['440305'] }] };
    const policy = await createPolicy(file);
    const first = await policy.decide(customer('440305', 1));
    expect(() => (first.explanation!.rules[0]!.conditions.conditions[0] as { expected: string[] }).expected.push('310115')).toThrow();
    expect((await policy.decide(customer('310115', 1))).fired).toEqual([]);
  });
});

describe('input facts', () => {
  it('reject a missing fact by name, never a silent non-match', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    const error = await policy.decide({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).code).toBe('invalid-facts');
    expect((error as PolicyError).issues[0]).toMatchObject({ code: 'fact-missing', pointer: '/customer' });
  });

  it('reject a mistyped fact with the path of the bad field', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    const error = (await policy.decide({ customer: { regionCode: '440305', employees: 'many' } }).catch((e: unknown) => e)) as PolicyError;
    expect(error.code).toBe('invalid-facts');
    expect(error.issues.map((i) => i.pointer)).toContain('/customer/employees');
    expect(error.message).toContain('customer');
    expect(() => policy.decideSync({ customer: { regionCode: 'x', employees: 1 } })).toThrow(PolicyError);
  });

  it('fill in schema defaults', async () => {
    const file = smallAssignmentFile();
    file.facts['tags'] = { title: 'Tags', type: 'array', items: { type: 'string' }, default: ['new'] };
    file.rules[1]!.conditions = { all: [{ fact: 'tags', operator: 'contains', value: 'new' }] };
    const policy = await createPolicy(file);
    expect((await policy.decide(customer('310115', 1))).fired).toEqual(['any-guangdong']);
  });

  it('reject facts that are not an object', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    for (const facts of [null, 'customer', [1, 2]]) {
      await expect(policy.decide(facts as never)).rejects.toMatchObject({ code: 'invalid-facts', issues: [{ code: 'facts-not-object' }] });
    }
  });

  it('reject a clock that is not a date', async () => {
    const policy = await createPolicy(smallAssignmentFile());
    await expect(policy.decide(customer('440305', 1), { now: 'tomorrow' })).rejects.toMatchObject({ code: 'invalid-facts' });
  });
});

describe('host facts', () => {
  const withHostFact = (): RuleFile => {
    const file = clone(smallAssignmentFile());
    file.facts['load'] = { title: 'Team load', type: 'integer', minimum: 0 };
    file.rules[0]!.conditions = {
      all: [
        { fact: 'load', operator: 'lessThan', value: 10 },
        { fact: 'load', operator: 'greaterThanInclusive', value: 0 },
        { fact: 'customer', path: '$.employees', operator: 'greaterThanInclusive', value: 1000 },
      ],
    };
    return file;
  };

  it('are computed at most once per decision', async () => {
    let calls = 0;
    const policy = await createPolicy(withHostFact(), {
      verify: false,
      facts: { load: async () => { calls += 1; return 3; } },
    });
    const decision = await policy.decide(customer('440305', 2000));
    expect(decision.engine).toBe('reference');
    expect(decision.fired).toEqual(['large-guangdong']);
    expect(calls).toBe(1);
  });

  it('give way to a value supplied with the input', async () => {
    let calls = 0;
    const policy = await createPolicy(withHostFact(), { verify: false, facts: { load: () => { calls += 1; return 3; } } });
    const decision = await policy.decide({ ...customer('440305', 2000), load: 50 });
    expect(decision.fired).toEqual(['any-guangdong']);
    expect(decision.engine).toBe('fast');
    expect(calls).toBe(0);
  });

  it('that fail give an error outcome with the reason, not a crash', async () => {
    const policy = await createPolicy(withHostFact(), { verify: false, facts: { load: async () => { throw new Error('store is down'); } } });
    const decision = await policy.decide(customer('440305', 2000));
    expect(decision.outcome).toEqual({ type: 'error', params: { code: 'fact-failed', message: 'Fact "load" could not be computed: store is down' } });
    expect(decision.error?.code).toBe('fact-failed');
    expect(decision.fired).toEqual([]);
  });

  it('that return a value of the wrong type give an error outcome', async () => {
    const policy = await createPolicy(withHostFact(), { verify: false, facts: { load: async () => 'three' } });
    const decision = await policy.decide(customer('440305', 2000));
    expect(decision.outcome.type).toBe('error');
    expect(decision.error).toMatchObject({ code: 'fact-invalid' });
    expect(decision.error?.message).toContain('load');
  });

  it('cannot be used on the fast path', async () => {
    const policy = await createPolicy(withHostFact(), { verify: false, facts: { load: async () => 1 } });
    await expect(policy.decide(customer('440305', 2000), { engine: 'fast' })).rejects.toMatchObject({ code: 'evaluation-failed' });
  });
});

describe('createPolicy', () => {
  it('refuses an invalid file with every issue', async () => {
    const file = smallAssignmentFile();
    file.rules[1]!.name = file.rules[0]!.name;
    const error = (await createPolicy(file, { file: 'x.json' }).catch((e: unknown) => e)) as PolicyError;
    expect(error.code).toBe('invalid-rule-file');
    expect(error.issues).toEqual([expect.objectContaining({ code: 'rule-name-duplicate', file: 'x.json', pointer: '/rules/1/name' })]);
  });

  it('loads a file from disk, reporting one that cannot be read', async () => {
    const policy = await loadPolicy(new URL('../../../rules/credit-risk.json', import.meta.url).pathname, { verify: false });
    expect(policy.ruleFile.policy).toBe('credit-risk');
    const error = (await loadPolicy('/nowhere/rules.json').catch((e: unknown) => e)) as PolicyError;
    expect(error.code).toBe('invalid-rule-file');
    expect(error.issues[0]).toMatchObject({ code: 'file-unreadable', file: '/nowhere/rules.json', pointer: '' });
  });

  it('checks the fast path against json-rules-engine on load', async () => {
    const policy = await createPolicy(smallAssignmentFile(), { verify: { runs: 40, seed: 7 } });
    expect(policy.selfCheck?.compared).toBeGreaterThan(20);
    expect(policy.selfCheck?.mismatches).toEqual([]);
    expect(policy.fastPathEnabled).toBe(true);
  });
});
