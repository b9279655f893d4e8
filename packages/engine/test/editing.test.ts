import { describe, expect, it } from 'vitest';
import { bilingual, choiceLabel, compareVersions, comparableFields, nextVersion, operatorsFor, outcomeSchemas, outcomeTitle, paramLabel, proposeVersion, versionStep } from '../src/editing.js';
import { validateRuleFile } from '../src/index.js';
import type { Comparison, RuleFile } from '../src/index.js';
import { shippedRuleFile } from './fixtures.js';

const POLICIES = ['assignment', 'claim-eligibility', 'credit-risk'] as const;

// A value of the kinds a field admits, for the operators that compare with one value.
function sampleValue(comparison: Omit<Comparison, 'value'>, field: ReturnType<typeof comparableFields>[number]): unknown {
  const kinds = field.kinds ?? new Set();
  switch (comparison.operator) {
    case 'in':
    case 'notIn':
    case 'matchesAny':
      return [];
    case 'between':
      return kinds.has('date') ? ['2026-01-01', '2026-12-31'] : [1, 2];
    case 'inRegion':
      return '44';
    case 'isBlank':
      return true;
    case 'matchesPattern':
      return 'a';
    case 'olderThanDays':
    case 'withinDays':
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      return 1;
    default: {
      const values = field.schema['enum'];
      if (Array.isArray(values)) return values[0];
      if (kinds.has('number')) return 1;
      if (kinds.has('boolean')) return true;
      if (kinds.has('array')) return 'x';
      return 'x';
    }
  }
}

describe('editing helpers', () => {
  it('lists each scalar fact and each property of an object fact, with both titles', () => {
    const fields = comparableFields(shippedRuleFile('assignment'));
    expect(fields.map((f) => `${f.fact}${f.path ?? ''}`)).toEqual(
      expect.arrayContaining(['customer$.regionCode', 'customer$.employees', 'customer$.industry', 'productLine', 'territory$.team']),
    );
    expect(fields.some((f) => f.fact === 'customer' && f.path === undefined)).toBe(false);
    expect(fields.find((f) => f.path === '$.employees')?.title).toBe('Customer › Employees');
    expect([...(fields.find((f) => f.path === '$.employees')?.kinds ?? [])]).toEqual(['number']);
  });

  it('offers only operators the validator accepts, and every one it accepts, for each field of the shipped policies', () => {
    for (const policy of POLICIES) {
      const file = shippedRuleFile(policy);
      for (const field of comparableFields(file)) {
        const offered = operatorsFor(field.kinds);
        expect(offered.length, `${policy} ${field.title}`).toBeGreaterThan(0);
        for (const operator of ['equal', 'lessThan', 'inRegion', 'withinDays', 'contains', 'between', 'isBlank'] as const) {
          const base = { fact: field.fact, ...(field.path ? { path: field.path } : {}), operator };
          // The file cut down to its facts and this one comparison: the validator judges only it.
          const candidate: RuleFile = { ...file, rules: [{ ...file.rules[0]!, conditions: { all: [{ ...base, value: sampleValue(base, field) } as Comparison] } }], tests: [] };
          const mismatch = validateRuleFile(candidate).issues.some((issue) => issue.code === 'operator-type-mismatch');
          expect(mismatch, `${policy} ${field.title} ${operator}`).toBe(!offered.includes(operator));
        }
        if (field.kinds?.has('number')) expect(offered).toContain('greaterThanInclusive');
      }
    }
  });

  it('names the outcomes a policy understands with their params schemas', () => {
    expect(Object.keys(outcomeSchemas('assignment'))).toContain('assign');
    expect(outcomeSchemas('assignment')['assign']?.['required']).toEqual(['ownership']);
    expect(Object.keys(outcomeSchemas('credit-risk')).length).toBeGreaterThan(0);
  });
});

describe('outcome labels for rule editors', () => {
  it('names every outcome type and param of every policy in both languages, and the choices of every enum param', () => {
    for (const policy of POLICIES) {
      for (const [type, schema] of Object.entries(outcomeSchemas(policy))) {
        for (const language of ['zh', 'en'] as const) {
          expect(outcomeTitle(policy, type, language), `${policy} ${type} ${language}`).not.toBe(type);
          for (const [name, param] of Object.entries((schema['properties'] ?? {}) as Record<string, Record<string, unknown>>)) {
            expect(bilingual(param, 'x-title', language), `${policy} ${type}.${name} ${language}`).toBeDefined();
            for (const value of (param['enum'] as unknown[] | undefined) ?? []) expect(choiceLabel(policy, type, name, value, language), `${policy} ${type}.${name}=${String(value)} ${language}`).not.toBe(value);
          }
        }
      }
    }
  });

  it('writes a param with its unit the way each language does', () => {
    expect(paramLabel('claim-eligibility', 'eligible', 'protectionDays', 'zh')).toBe('保护期（天）');
    expect(paramLabel('claim-eligibility', 'eligible', 'protectionDays', 'en')).toBe('Protection (days)');
    expect(paramLabel('claim-eligibility', 'deny', 'reason', 'zh')).toBe('原因');
    expect(choiceLabel('claim-eligibility', 'deny', 'reason', 'already-yours', 'zh')).toBe('已在你名下');
    expect(paramLabel('claim-eligibility', 'eligible', 'unknownParam', 'en')).toBe('unknownParam');
  });
});

describe('proposing the next version', () => {
  it('proposes a patch above every version taken for a changed parameter, a minor for an added rule, and never a taken one', () => {
    const published = shippedRuleFile('claim-eligibility');
    const changed = structuredClone(published);
    changed.rules.find((rule) => rule.name === 'protect-grade-c')!.event.params!['protectionDays'] = 45;
    expect(versionStep(published, changed)).toBe('patch');
    expect(proposeVersion(published, changed, ['1.0.0', published.version])).toBe('1.1.1');
    expect(proposeVersion(published, changed, [published.version, '1.1.1', '1.0.9'])).toBe('1.1.2');
    const added = structuredClone(changed);
    added.rules.push({ ...structuredClone(added.rules[0]!), name: 'another' });
    expect(versionStep(published, added)).toBe('minor');
    expect(proposeVersion(published, added, ['1.1.4'])).toBe('1.2.0');
    const removed = { ...structuredClone(published), rules: published.rules.slice(1) };
    expect(versionStep(published, removed)).toBe('minor');
  });

  it('orders versions by number, not by text', () => {
    expect(['1.10.0', '1.9.3', '1.2.0'].sort(compareVersions)).toEqual(['1.2.0', '1.9.3', '1.10.0']);
    expect(nextVersion(['1.9.3', '1.10.0'], 'patch')).toBe('1.10.1');
  });
});
