import { describe, expect, it } from 'vitest';
import { conditionInWords, ruleInWords } from '../src/words.js';
import { shippedRuleFile } from './fixtures.js';

const file = shippedRuleFile('assignment');

describe('conditions in words', () => {
  it('reads a rule as a sentence, with the facts’ titles, in English and Chinese', () => {
    const rule = file.rules.find((r) => r.name === 'sme-south')!;
    expect(ruleInWords(rule, 'en', file)).toBe('Region lies within 44, 45, 46, 35 and Customer type = Company and Employees < 1000 → Assign: Team South China SME, Ownership Shared, Strategy Round robin, Co-owners 2 people');
    expect(conditionInWords(rule.conditions, 'zh', file)).toContain(' 且 ');
    expect(conditionInWords(rule.conditions, 'zh', file)).toMatch(/位于/);
  });

  it('names facts, other facts compared with and outcome params in the page’s language, never by their codes', () => {
    const claims = shippedRuleFile('claim-eligibility');
    const gradeC = claims.rules.find((r) => r.name === 'protect-grade-c')!;
    expect(ruleInWords(gradeC, 'zh', claims)).toBe('客户等级 = C 级 → 可报备：保护期 30 天，商机保护期 90 天，到期前提醒 3 天');
    expect(ruleInWords(gradeC, 'en', claims)).toBe('Grade = Grade C → Eligible: Protection 30 days, Deal protection 90 days, Reminder before expiry 3 days');
    const colleague = claims.rules.find((r) => r.name === 'already-claimed-by-colleague')!;
    const zh = ruleInWords(colleague, 'zh', claims);
    expect(zh).toContain('持有人账号 ≠ 销售账号');
    expect(zh).toContain('原因 已被同事报备');
    expect(zh).not.toMatch(/fact|\$\.|already-claimed|true/);
    expect(zh).toContain('报备有效 = 是');
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
