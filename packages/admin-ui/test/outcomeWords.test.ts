import { describe, expect, it } from 'vitest';
import { outcomeWords, paramName, valueWords } from '../src/pages/rules/outcomeWords.js';

describe('outcomes in words', () => {
  it('names the type, each parameter and coded values by their display names in the page language', () => {
    const outcome = { type: 'eligible', params: { protectionDays: 45, dealDays: 90 } };
    expect(outcomeWords(outcome, 'zh')).toBe('可登记：保护期（天） 45、商机期（天） 90');
    expect(outcomeWords(outcome, 'en')).toBe('Eligible: Protection (days) 45, Deal period (days) 90');
    expect(outcomeWords({ type: 'deny', params: { reason: 'blacklisted' } }, 'zh')).toBe('拒绝：原因 在黑名单中');
  });

  it('prefers a schema title in the page language, and shows an unknown name or a missing value as it is', () => {
    expect(paramName('protectionDays', 'en', { title: { zh: '保护天数', en: 'Days protected' } })).toBe('Days protected');
    expect(paramName('somethingNew', 'zh')).toBe('somethingNew');
    expect(valueWords(null)).toBe('—');
    expect(valueWords('East China SME', 'team', 'zh')).toBe('East China SME');
  });
});
