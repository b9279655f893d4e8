import { operatorNamed } from '../evaluation/operators/operatorRegistry.js';
import { isFactReference } from '../format/ruleFile.js';
import type { ComparisonTrace } from './explanation.js';

/** The languages explanations and messages are written in. */
export type Language = 'en' | 'zh';

function show(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function subject(trace: ComparisonTrace): string {
  return trace.path ? `${trace.fact}${trace.path.slice(1)}` : trace.fact;
}

/** What a comparison requires, in words: `≥ 1000`, `lies within 44, 45`. */
export function expectation(trace: Pick<ComparisonTrace, 'operator' | 'expected' | 'expectedValue'>, language: Language): string {
  const words = operatorNamed(trace.operator).words[language];
  const expected = trace.expected;
  const written = isFactReference(expected)
    ? `${expected.fact}${expected.path ? expected.path.slice(1) : ''} (${show(trace.expectedValue)})`
    : Array.isArray(expected) && trace.operator === 'between'
      ? `${show(expected[0])} … ${show(expected[1])}`
      : Array.isArray(expected)
        ? expected.map(show).join(', ')
        : show(expected);
  if (trace.operator === 'isBlank') {
    const blank = trace.expectedValue === true;
    if (language === 'zh') return blank ? '为空' : '不为空';
    return blank ? 'blank' : 'filled in';
  }
  return `${words} ${written}`;
}

/**
 * One comparison in words, with the margin: `customer.employees 480, needs ≥ 1000`
 * when it failed, `customer.employees 1200, ≥ 1000` when it held.
 */
export function describeCondition(trace: ComparisonTrace, language: Language = 'en'): string {
  const actual = `${subject(trace)} ${show(trace.actual)}`;
  const expected = expectation(trace, language);
  if (language === 'zh') return trace.result ? `${actual}，满足 ${expected}` : `${actual}，需要 ${expected}`;
  return trace.result ? `${actual}, ${expected}` : `${actual}, needs ${expected}`;
}
