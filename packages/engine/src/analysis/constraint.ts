import type { Comparison, Condition } from '../format/ruleFile.js';
import { isComparison, isFactReference } from '../format/ruleFile.js';
import { regionPrefix } from '../evaluation/operators/inRegion.js';

/**
 * What one comparison allows of its subject (a fact and path), in a form two
 * comparisons can be compared in: a set of values, a set excluded, a numeric
 * interval, or region prefixes. Comparisons it cannot reason about are `opaque`.
 */
export type Constraint =
  | { kind: 'values'; values: unknown[] }
  | { kind: 'excluded'; values: unknown[] }
  | { kind: 'interval'; min: number; minOpen: boolean; max: number; maxOpen: boolean }
  | { kind: 'regions'; prefixes: string[] }
  | { kind: 'opaque'; key: string };

/** A comparison's subject: the fact and the path into it. */
export function subjectOf(comparison: Comparison): string {
  return comparison.path ? `${comparison.fact}${comparison.path.replace(/^\$/, '')}` : comparison.fact;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function constraintOf(comparison: Comparison): Constraint {
  const { operator, value } = comparison;
  const opaque: Constraint = { kind: 'opaque', key: JSON.stringify([operator, value, comparison.params ?? null]) };
  if (isFactReference(value)) return opaque;
  const n = number(value);
  switch (operator) {
    case 'equal':
      return { kind: 'values', values: [value] };
    case 'in':
      return Array.isArray(value) ? { kind: 'values', values: value } : opaque;
    case 'notEqual':
      return { kind: 'excluded', values: [value] };
    case 'notIn':
      return Array.isArray(value) ? { kind: 'excluded', values: value } : opaque;
    case 'lessThan':
      return n === undefined ? opaque : { kind: 'interval', min: -Infinity, minOpen: true, max: n, maxOpen: true };
    case 'lessThanInclusive':
      return n === undefined ? opaque : { kind: 'interval', min: -Infinity, minOpen: true, max: n, maxOpen: false };
    case 'greaterThan':
      return n === undefined ? opaque : { kind: 'interval', min: n, minOpen: true, max: Infinity, maxOpen: true };
    case 'greaterThanInclusive':
      return n === undefined ? opaque : { kind: 'interval', min: n, minOpen: false, max: Infinity, maxOpen: true };
    case 'between': {
      const [lo, hi] = Array.isArray(value) ? value.map(number) : [];
      return lo === undefined || hi === undefined ? opaque : { kind: 'interval', min: lo, minOpen: false, max: hi, maxOpen: false };
    }
    case 'inRegion': {
      const codes = (Array.isArray(value) ? value : [value]).map(regionPrefix);
      return codes.every((code): code is string => code !== undefined) ? { kind: 'regions', prefixes: codes } : opaque;
    }
    default:
      return opaque;
  }
}

function inInterval(value: unknown, i: Extract<Constraint, { kind: 'interval' }>): boolean {
  const n = number(value);
  if (n === undefined) return false;
  return (i.minOpen ? n > i.min : n >= i.min) && (i.maxOpen ? n < i.max : n <= i.max);
}

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/** True when no value satisfies both constraints (on the same subject). */
export function contradicts(a: Constraint, b: Constraint): boolean {
  if (a.kind === 'values' && b.kind === 'values') return !a.values.some((v) => b.values.some((w) => same(v, w)));
  if (a.kind === 'values' && b.kind === 'excluded') return a.values.every((v) => b.values.some((w) => same(v, w)));
  if (a.kind === 'excluded' && b.kind === 'values') return contradicts(b, a);
  if (a.kind === 'values' && b.kind === 'interval') return !a.values.some((v) => inInterval(v, b));
  if (a.kind === 'interval' && b.kind === 'values') return contradicts(b, a);
  if (a.kind === 'interval' && b.kind === 'interval') {
    const lowAbove = a.min > b.max || (a.min === b.max && (a.minOpen || b.maxOpen));
    const highBelow = a.max < b.min || (a.max === b.min && (a.maxOpen || b.minOpen));
    return lowAbove || highBelow;
  }
  if (a.kind === 'regions' && b.kind === 'regions') return !a.prefixes.some((p) => b.prefixes.some((q) => overlaps(p, q)));
  return false;
}

/** True when every value `a` allows, `b` allows too (a is at least as strict). */
export function implies(a: Constraint, b: Constraint): boolean {
  if (a.kind === 'opaque' || b.kind === 'opaque') return a.kind === 'opaque' && b.kind === 'opaque' && a.key === b.key;
  if (b.kind === 'values') return a.kind === 'values' && a.values.every((v) => b.values.some((w) => same(v, w)));
  if (b.kind === 'excluded') {
    if (a.kind === 'values') return a.values.every((v) => !b.values.some((w) => same(v, w)));
    if (a.kind === 'excluded') return b.values.every((v) => a.values.some((w) => same(v, w)));
    if (a.kind === 'interval') return b.values.every((v) => !inInterval(v, a));
    return false;
  }
  if (b.kind === 'interval') {
    if (a.kind === 'values') return a.values.every((v) => inInterval(v, b));
    if (a.kind !== 'interval') return false;
    const lowOk = a.min > b.min || (a.min === b.min && (a.minOpen || !b.minOpen));
    const highOk = a.max < b.max || (a.max === b.max && (a.maxOpen || !b.maxOpen));
    return lowOk && highOk;
  }
  return a.kind === 'regions' && a.prefixes.every((p) => b.prefixes.some((q) => p.startsWith(q)));
}

/** One conjunct of a rule: a comparison it can reason about, or a group kept whole. */
export type Conjunct = { subject: string; constraint: Constraint; comparison: Comparison } | { subject: null; key: string };

/** The conjuncts of a condition: `all` groups are flattened; `any` and `not` stay whole (compared only as written). */
export function conjunctsOf(condition: Condition): Conjunct[] {
  if ('all' in condition && Array.isArray(condition.all)) return condition.all.flatMap(conjunctsOf);
  if (isComparison(condition)) return [{ subject: subjectOf(condition), constraint: constraintOf(condition), comparison: condition }];
  if ('any' in condition && Array.isArray(condition.any) && condition.any.length === 1) return conjunctsOf(condition.any[0]!);
  return [{ subject: null, key: JSON.stringify(condition) }];
}
