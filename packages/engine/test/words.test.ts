import { describe, expect, it } from 'vitest';
import { conditionInWords, ruleInWords } from '../src/words.js';
import { shippedRuleFile } from './fixtures.js';

const file = shippedRuleFile('assignment');

describe('conditions in words', () => {
  it('reads a rule as a sentence, with the facts’ titles, in English and Chinese', () => {
    const rule = file.rules.find((r) => r.name === 'sme-south')!;
    expect(ruleInWords(rule, 'en', file)).toBe('Region (GB/T 2260 district code) lies within 44, 45, 46, 35 and Customer type = company and Employees < 1000 → assign team South China SME, ownership shared, strategy round-robin, coOwners 2');
    expect(conditionInWords(rule.conditions, 'zh', file)).toContain(' 且 ');
    expect(conditionInWords(rule.conditions, 'zh', file)).toMatch(/位于/);
  });

  it('groups any and not, and writes ranges and missing titles plainly', () => {
    expect(
      conditionInWords(
        { all: [{ any: [{ fact: 'score', operator: 'between', value: [450, 599] }, { fact: 'late', operator: 'greaterThanInclusive', value: 30 }] }, { not: { fact: 'tags', operator: 'contains', value: 'vip' } }] },
        'en',
      ),
    ).toBe('(any of: score between 450 … 599; late ≥ 30) and (not (tags contains vip))');
    expect(conditionInWords({ all: [] }, 'zh')).toBe('总是');
  });
});
