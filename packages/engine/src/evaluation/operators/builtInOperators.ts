import type { OperatorSpec } from './operatorSpec.js';
import { SCALAR_KINDS } from './operatorSpec.js';

// These mirror json-rules-engine 7.3's default operators exactly, including
// its factValueValidator checks, so the fast path and the reference path agree.

const isNumberLike = (factValue: unknown): boolean =>
  Number.parseFloat(factValue as string).toString() !== 'NaN';

const indexOf = (container: unknown, item: unknown): number =>
  (container as { indexOf(x: unknown): number }).indexOf(item);

const hasIndexOf = (container: unknown): boolean =>
  container != null && typeof (container as { indexOf?: unknown }).indexOf === 'function';

// indexOf and a Set agree on JSON values (no NaN; -0 and 0 are equal to both).
function membership(value: unknown, wanted: boolean): (factValue: unknown) => boolean {
  if (!Array.isArray(value)) return (factValue) => hasIndexOf(value) && (indexOf(value, factValue) > -1) === wanted;
  const members = new Set<unknown>(value);
  return (factValue) => members.has(factValue) === wanted;
}

function numeric(name: OperatorSpec['name'], symbol: string, test: (a: number, b: number) => boolean): OperatorSpec {
  return {
    name,
    accepts: ['number'],
    builtIn: true,
    words: { en: symbol, zh: symbol },
    evaluate: (factValue, value) => isNumberLike(factValue) && test(factValue as number, value as number),
  };
}

export const builtInOperators: readonly OperatorSpec[] = [
  {
    name: 'equal',
    accepts: SCALAR_KINDS,
    builtIn: true,
    words: { en: '=', zh: '=' },
    evaluate: (factValue, value) => factValue === value,
  },
  {
    name: 'notEqual',
    accepts: SCALAR_KINDS,
    builtIn: true,
    words: { en: '≠', zh: '≠' },
    evaluate: (factValue, value) => factValue !== value,
  },
  {
    name: 'in',
    accepts: SCALAR_KINDS,
    builtIn: true,
    words: { en: 'is one of', zh: '属于' },
    evaluate: (factValue, value) => hasIndexOf(value) && indexOf(value, factValue) > -1,
    compile: (value) => membership(value, true),
  },
  {
    name: 'notIn',
    accepts: SCALAR_KINDS,
    builtIn: true,
    words: { en: 'is none of', zh: '不属于' },
    evaluate: (factValue, value) => hasIndexOf(value) && indexOf(value, factValue) === -1,
    compile: (value) => membership(value, false),
  },
  {
    name: 'contains',
    accepts: ['array'],
    builtIn: true,
    words: { en: 'contains', zh: '包含' },
    evaluate: (factValue, value) => Array.isArray(factValue) && factValue.indexOf(value) > -1,
  },
  {
    name: 'doesNotContain',
    accepts: ['array'],
    builtIn: true,
    words: { en: 'does not contain', zh: '不包含' },
    evaluate: (factValue, value) => Array.isArray(factValue) && factValue.indexOf(value) === -1,
  },
  numeric('lessThan', '<', (a, b) => a < b),
  numeric('lessThanInclusive', '≤', (a, b) => a <= b),
  numeric('greaterThan', '>', (a, b) => a > b),
  numeric('greaterThanInclusive', '≥', (a, b) => a >= b),
];
