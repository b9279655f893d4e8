import { describe, expect, it } from 'vitest';
import { parseRuleFile, validateRuleFile } from '../src/index.js';
import type { Issue, RuleFile } from '../src/index.js';
import { clone, shippedRuleFile, smallAssignmentFile } from './fixtures.js';

function issuesOf(file: unknown): Issue[] {
  const result = validateRuleFile(file, { file: 'rules/test.json' });
  expect(result.valid).toBe(false);
  return result.issues;
}

function only(issues: Issue[], code: string): Issue {
  const found = issues.filter((issue) => issue.code === code);
  expect(found, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return found[0]!;
}

function mutate(change: (file: RuleFile & Record<string, unknown>) => void): RuleFile {
  const file = clone(smallAssignmentFile()) as RuleFile & Record<string, unknown>;
  change(file);
  return file;
}

describe('validateRuleFile', () => {
  it('accepts a valid file', () => {
    const result = validateRuleFile(smallAssignmentFile());
    expect(result).toMatchObject({ valid: true, issues: [] });
  });

  it('reports a missing required field with a pointer to it', () => {
    const issue = only(issuesOf(mutate((f) => delete (f as Partial<RuleFile>).hitPolicy)), 'schema-required');
    expect(issue.pointer).toBe('/hitPolicy');
    expect(issue.file).toBe('rules/test.json');
  });

  it('reports an unknown operator at the operator', () => {
    const file = mutate((f) => {
      (f.rules[0]!.conditions as { all: Array<Record<string, unknown>> }).all[1]!['operator'] = 'biggerThan';
    });
    const issue = only(issuesOf(file), 'schema-enum');
    expect(issue.pointer).toBe('/rules/0/conditions/all/1/operator');
    expect(issue.message.en).toContain('greaterThan');
  });

  it('reports an unknown property by its own pointer', () => {
    const file = mutate((f) => {
      (f.rules[1] as unknown as Record<string, unknown>)['priorty'] = 3;
    });
    expect(only(issuesOf(file), 'schema-additionalProperties').pointer).toBe('/rules/1/priorty');
  });

  it('reports a path outside the restricted JSONPath form', () => {
    const file = mutate((f) => {
      (f.rules[1]!.conditions as { all: Array<Record<string, unknown>> }).all[0]!['path'] = '$..regionCode';
    });
    expect(only(issuesOf(file), 'schema-pattern').pointer).toBe('/rules/1/conditions/all/0/path');
  });

  it('reports a value of the wrong shape for the operator', () => {
    const file = mutate((f) => {
      (f.rules[0]!.conditions as { all: Array<Record<string, unknown>> }).all[1]!['value'] = '1000';
    });
    const issue = only(issuesOf(file), 'schema-type');
    expect(issue.pointer).toBe('/rules/0/conditions/all/1/value');
    // In Chinese with the type's Chinese name: ajv-i18n alone says "应当是 number 类型".
    expect(issue.message.zh).toBe('/rules/0/conditions/all/1/value 应当是数字');
  });

  it('reports a fact that is used but not declared', () => {
    const file = mutate((f) => {
      (f.rules[1]!.conditions as { all: unknown[] }).all.push({ fact: 'segment', operator: 'equal', value: 'x' });
    });
    const issue = only(issuesOf(file), 'fact-undeclared');
    expect(issue.pointer).toBe('/rules/1/conditions/all/1/fact');
    expect(issue.message.en).toContain('segment');
    expect(issue.message.zh).toContain('segment');
  });

  it('reports a path the fact schema does not have', () => {
    const file = mutate((f) => {
      (f.rules[1]!.conditions as { all: Array<Record<string, unknown>> }).all[0]!['path'] = '$.region';
    });
    expect(only(issuesOf(file), 'path-unknown').pointer).toBe('/rules/1/conditions/all/0/fact');
  });

  it('reports an operator that does not fit the fact type', () => {
    const file = mutate((f) => {
      (f.rules[1]!.conditions as { all: unknown[] }).all.push({ fact: 'customer', path: '$.name', operator: 'greaterThan', value: 3 });
    });
    const issue = only(issuesOf(file), 'operator-type-mismatch');
    expect(issue.pointer).toBe('/rules/1/conditions/all/1/operator');
    expect(issue.message.en).toMatch(/greaterThan.*string/);
  });

  it('reports a date operator on a plain string and a numeric one on a referenced string', () => {
    const file = mutate((f) => {
      const all = (f.rules[1]!.conditions as { all: unknown[] }).all;
      all.push({ fact: 'customer', path: '$.name', operator: 'olderThanDays', value: 3 });
      all.push({ fact: 'customer', path: '$.employees', operator: 'lessThan', value: { fact: 'customer', path: '$.name' } });
    });
    const issues = issuesOf(file).filter((issue) => issue.code === 'operator-type-mismatch');
    expect(issues.map((issue) => issue.pointer)).toEqual(['/rules/1/conditions/all/1/operator', '/rules/1/conditions/all/2/value']);
  });

  it('reports a literal that cannot equal the fact', () => {
    const file = mutate((f) => {
      (f.rules[1]!.conditions as { all: unknown[] }).all.push({ fact: 'customer', path: '$.employees', operator: 'equal', value: '1000' });
    });
    expect(only(issuesOf(file), 'value-type-mismatch').pointer).toBe('/rules/1/conditions/all/1/value');
  });

  it('reports duplicate rule names', () => {
    const file = mutate((f) => {
      f.rules[1]!.name = 'large-guangdong';
    });
    expect(only(issuesOf(file), 'rule-name-duplicate').pointer).toBe('/rules/1/name');
  });

  it('reports an outcome type the policy does not understand', () => {
    const file = mutate((f) => {
      f.rules[0]!.event = { type: 'route', params: {} };
    });
    const issue = only(issuesOf(file), 'event-unknown');
    expect(issue.pointer).toBe('/rules/0/event/type');
    expect(issue.message.en).toContain('assign, review');
  });

  it('reports missing and invalid outcome parameters', () => {
    const file = mutate((f) => {
      f.rules[0]!.event = { type: 'assign', params: { team: 'X', ownership: 'solo' } };
      f.default = { type: 'review', params: { queue: 'q' } };
    });
    const issues = issuesOf(file);
    expect(only(issues, 'event-param-invalid').pointer).toBe('/rules/0/event/params/ownership');
    expect(only(issues, 'event-param-missing').pointer).toBe('/default/params');
  });

  it('checks fact references inside outcome parameters', () => {
    const file = mutate((f) => {
      f.rules[0]!.event = { type: 'assign', params: { team: { fact: 'customer', path: '$.team' }, ownership: 'shared' } };
    });
    expect(only(issuesOf(file), 'path-unknown').pointer).toBe('/rules/0/event/params/team');
  });

  it('refuses a backreference in a rule pattern, at its value, saying RE2 has none', () => {
    const file = mutate((f) => {
      (f.rules[1]!.conditions as { all: unknown[] }).all.push({ fact: 'customer', path: '$.name', operator: 'matchesPattern', value: '^(a)\\1$' });
    });
    const issue = only(issuesOf(file), 'regex-invalid');
    expect(issue.pointer).toBe('/rules/1/conditions/all/1/value');
    expect(issue.message.en).toContain('RE2');
    expect(issue.message.zh).toContain('反向引用');
  });

  it('rejects a regular expression that does not compile', () => {
    const file = mutate((f) => {
      (f.rules[1]!.conditions as { all: unknown[] }).all.push({ fact: 'customer', path: '$.name', operator: 'matchesPattern', value: '([a-z' });
    });
    expect(only(issuesOf(file), 'regex-invalid').pointer).toBe('/rules/1/conditions/all/1/value');
  });

  it('refuses lookaround inside a fact schema, at the pattern', () => {
    const file = mutate((f) => {
      (f.facts['customer']!['properties'] as Record<string, Record<string, unknown>>)['name']!['pattern'] = '^(?!test)[a-z]+$';
    });
    expect(only(issuesOf(file), 'regex-invalid').pointer).toBe('/facts/customer/properties/name/pattern');
  });

  it('refuses a backreference in a patternProperties key, at the key', () => {
    const file = mutate((f) => {
      f.facts['labels'] = { title: 'Labels', type: 'object', patternProperties: { '^(x)\\1$': { type: 'string' } } };
    });
    expect(only(issuesOf(file), 'regex-invalid').pointer).toBe('/facts/labels/patternProperties/^(x)\\1$');
  });

  it('rejects a fact schema that does not compile', () => {
    const file = mutate((f) => {
      f.facts['tags'] = { title: 'Tags', type: 'array', items: { $ref: '#/nowhere' } };
    });
    expect(only(issuesOf(file), 'fact-schema-invalid').pointer).toBe('/facts/tags');
  });

  it('reports tests that name unknown rules, and duplicate test names', () => {
    const file = mutate((f) => {
      const test = { name: 't', facts: {}, expect: { fired: ['no-such-rule'] } };
      f.tests = [test, clone(test)];
    });
    const issues = issuesOf(file);
    expect(issues.filter((i) => i.code === 'test-rule-unknown')).toHaveLength(2);
    expect(only(issues, 'test-name-duplicate').pointer).toBe('/tests/1/name');
  });

  it('accepts a test titled in both languages, and refuses a title in one language or with a stray key', () => {
    const titled = (title: unknown) => mutate((f) => {
      f.tests = [{ name: 't', title, facts: {}, expect: { outcome: { type: 'route', params: { team: 'x' } } } } as never];
    });
    expect(validateRuleFile(titled({ zh: 'C 级保护 30 天', en: 'grade C is protected 30 days' })).issues.filter((i) => i.pointer.startsWith('/tests'))).toEqual([]);
    expect(only(issuesOf(titled({ zh: 'C 级保护 30 天' })), 'schema-required').pointer).toBe('/tests/0/title/en');
    expect(only(issuesOf(titled({ zh: '', en: 'grade C' })), 'schema-minLength').pointer).toBe('/tests/0/title/zh');
    expect(issuesOf(mutate((f) => {
      f.tests = [{ name: 't', label: 'x', facts: {}, expect: { fired: [] } } as never];
    })).some((i) => i.code === 'schema-additionalProperties')).toBe(true);
  });

  it('reports every problem at once, each in English and Chinese', () => {
    const file = mutate((f) => {
      f.rules[1]!.name = 'large-guangdong';
      f.rules[0]!.event = { type: 'route' };
      (f.rules[1]!.conditions as { all: unknown[] }).all.push({ fact: 'segment', operator: 'equal', value: 'x' });
    });
    const issues = issuesOf(file);
    expect(issues.map((i) => i.code).sort()).toEqual(['event-unknown', 'fact-undeclared', 'rule-name-duplicate']);
    for (const issue of issues) {
      expect(issue.message.en.length).toBeGreaterThan(10);
      expect(issue.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(issue.file).toBe('rules/test.json');
    }
  });

  it('reports schema and semantic problems together', () => {
    const file = mutate((f) => {
      delete (f as Partial<RuleFile>).title;
      f.rules[1]!.name = 'large-guangdong';
      (f.rules[0]!.conditions as { all: Array<Record<string, unknown>> }).all[1]!['value'] = 'many';
    });
    const codes = issuesOf(file).map((i) => `${i.code} ${i.pointer}`);
    expect(codes).toEqual(['schema-required /title', 'schema-type /rules/0/conditions/all/1/value', 'rule-name-duplicate /rules/1/name']);
  });

  it('survives a document of the wrong shape', () => {
    for (const document of [null, 42, [], { rules: 'none', facts: 3 }, { rules: [null, { conditions: { all: 5 } }] }]) {
      const result = validateRuleFile(document);
      expect(result.valid).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });

  it('reports schema errors in Chinese too', () => {
    const issues = issuesOf(mutate((f) => delete (f as Partial<RuleFile>).title));
    expect(only(issues, 'schema-required').message.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reports a fact the policy computes its outcome from but the file does not declare', () => {
    const file = shippedRuleFile('credit-risk');
    delete file.facts['requestedLimit'];
    const issue = only(issuesOf(file), 'fact-undeclared');
    expect(issue.pointer).toBe('/facts');
    expect(issue.message.en).toContain('requestedLimit');
  });

  it('reports text that is not JSON', () => {
    const result = parseRuleFile('{ "policy": ', { file: 'broken.json' });
    expect(result.valid).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'json-invalid', pointer: '', file: 'broken.json' });
  });
});
