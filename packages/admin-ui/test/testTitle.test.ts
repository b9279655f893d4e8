import { describe, expect, it } from 'vitest';
import { testTitle, testTitlesOf } from '../src/pages/rules/testTitle.js';
import { testTitleEntry } from '../src/pages/rules/testTitleEntry.js';

const gradeC = { name: 'grade C is protected 30 days', title: { zh: 'C 级客户保护 30 天', en: 'Grade C: 30 days' } };

describe('a test as the page names it', () => {
  it('shows the title in the page language, and the name where the test has no title', () => {
    expect(testTitle(gradeC, 'zh')).toBe('C 级客户保护 30 天');
    expect(testTitle(gradeC, 'en')).toBe('Grade C: 30 days');
    expect(testTitle({ name: 'grade D falls to the default 15 days' }, 'zh')).toBe('grade D falls to the default 15 days');
  });

  it('names the tests a report lists by their titles, and an unknown one by its name', () => {
    const tests = [{ ...gradeC, facts: {}, expect: {} }, { name: 'untitled', facts: {}, expect: {} }];
    expect(testTitlesOf(['untitled', 'grade C is protected 30 days', 'gone'], tests, 'zh')).toEqual(['untitled', 'C 级客户保护 30 天', 'gone']);
    expect(testTitlesOf(['grade C is protected 30 days'], undefined, 'en')).toEqual(['grade C is protected 30 days']);
  });
});

describe('the title fields of the test editor', () => {
  it('gives a trimmed title when both languages are filled, none when both are blank', () => {
    expect(testTitleEntry({ zh: ' C 级客户保护 30 天 ', en: 'Grade C: 30 days ' })).toEqual({ title: { zh: 'C 级客户保护 30 天', en: 'Grade C: 30 days' } });
    expect(testTitleEntry(undefined)).toEqual({});
    expect(testTitleEntry({ zh: '  ', en: '' })).toEqual({});
  });

  it('names the language still blank when only one is filled', () => {
    expect(testTitleEntry({ zh: 'C 级客户保护 30 天' })).toEqual({ missing: 'en' });
    expect(testTitleEntry({ zh: ' ', en: 'Grade C: 30 days' })).toEqual({ missing: 'zh' });
  });
});
