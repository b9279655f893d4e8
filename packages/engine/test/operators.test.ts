import { describe, expect, it } from 'vitest';
import { isWithinRegion, operators, regionPrefix, ruleFileSchema } from '../src/index.js';
import type { OperatorName } from '../src/index.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const decide = (name: OperatorName, fact: unknown, value: unknown) => operators.get(name)!.evaluate(fact, value, { now: NOW });

describe('operators', () => {
  it('are exactly the ones the rule-file schema lists', () => {
    const defs = ruleFileSchema()['$defs'] as Record<string, { enum: string[] }>;
    expect([...operators.keys()].sort()).toEqual([...defs['operator']!.enum].sort());
  });

  it('inRegion: a district lies in its city and province, not in a neighbour', () => {
    expect(decide('inRegion', '440305', '4403')).toBe(true);
    expect(decide('inRegion', '440305', '44')).toBe(true);
    expect(decide('inRegion', '440305', '440000')).toBe(true);
    expect(decide('inRegion', '440305', '440300')).toBe(true);
    expect(decide('inRegion', '440305', '440305')).toBe(true);
    expect(decide('inRegion', '440305', '4401')).toBe(false);
    expect(decide('inRegion', '440305', '440306')).toBe(false);
    expect(decide('inRegion', '440300', '440305')).toBe(false);
    expect(decide('inRegion', '440305', ['31', '4403'])).toBe(true);
    expect(decide('inRegion', '440305', ['31', '32'])).toBe(false);
  });

  it('inRegion: anything that is not a division code is outside every region', () => {
    expect(decide('inRegion', '4403x5', '44')).toBe(false);
    expect(decide('inRegion', 440305, '44')).toBe(false);
    expect(decide('inRegion', undefined, '44')).toBe(false);
    expect(regionPrefix('110000')).toBe('11');
    expect(regionPrefix('110100')).toBe('1101');
    expect(regionPrefix('0')).toBeUndefined();
    expect(isWithinRegion('310115', '31')).toBe(true);
  });

  it('between: inclusive numeric ranges', () => {
    expect(decide('between', 450, [450, 599])).toBe(true);
    expect(decide('between', 599, [450, 599])).toBe(true);
    expect(decide('between', 599.5, [450, 599])).toBe(false);
    expect(decide('between', 449, [450, 599])).toBe(false);
    expect(decide('between', '500', [450, 599])).toBe(false);
  });

  it('between: inclusive date ranges, a date-only end covering its whole day', () => {
    expect(decide('between', '2026-03-31', ['2026-01-01', '2026-03-31'])).toBe(true);
    expect(decide('between', '2026-03-31T23:59:00Z', ['2026-01-01', '2026-03-31'])).toBe(true);
    expect(decide('between', '2026-04-01', ['2026-01-01', '2026-03-31'])).toBe(false);
    expect(decide('between', '2025-12-31T23:59:59Z', ['2026-01-01', '2026-03-31'])).toBe(false);
    expect(decide('between', 'soon', ['2026-01-01', '2026-03-31'])).toBe(false);
  });

  it('olderThanDays and withinDays read the decision clock', () => {
    expect(decide('olderThanDays', '2026-11-01', 21)).toBe(true);
    expect(decide('olderThanDays', '2026-11-03', 21)).toBe(false);
    expect(decide('withinDays', '2026-11-20', 7)).toBe(true);
    expect(decide('withinDays', '2026-11-29', 7)).toBe(true);
    expect(decide('withinDays', '2026-12-10', 7)).toBe(false);
    expect(decide('withinDays', 'not a date', 7)).toBe(false);
    const later = operators.get('olderThanDays')!.evaluate('2026-11-03', 21, { now: Date.parse('2027-01-01') });
    expect(later).toBe(true);
  });

  it('matchesAny ignores case and full/half width', () => {
    expect(decide('matchesAny', 'ＡＣＭＥ', ['acme', 'globex'])).toBe(true);
    expect(decide('matchesAny', 'Globex', ['ACME', 'GLOBEX'])).toBe(true);
    expect(decide('matchesAny', 'Initech', ['acme', 'globex'])).toBe(false);
    expect(decide('matchesAny', 42, ['42'])).toBe(false);
  });

  it('matchesPattern tests a regular expression', () => {
    expect(decide('matchesPattern', '91440300MA5F0XXXX1', '^[0-9A-Z]{18}$')).toBe(true);
    expect(decide('matchesPattern', 'abc', '^[0-9A-Z]{18}$')).toBe(false);
    expect(decide('matchesPattern', null, '.*')).toBe(false);
  });

  it('isBlank treats missing, null, whitespace and empty lists as blank', () => {
    for (const blank of [undefined, null, '', '   ', []]) expect(decide('isBlank', blank, true)).toBe(true);
    for (const filled of ['张总', 0, false, ['x'], {}]) expect(decide('isBlank', filled, true)).toBe(false);
    expect(decide('isBlank', '张总', false)).toBe(true);
  });

  it('built-in operators keep json-rules-engine semantics', () => {
    expect(decide('equal', 1, 1)).toBe(true);
    expect(decide('equal', 1, '1')).toBe(false);
    expect(decide('notEqual', 'a', 'b')).toBe(true);
    expect(decide('in', 'b', ['a', 'b'])).toBe(true);
    expect(decide('notIn', 'c', ['a', 'b'])).toBe(true);
    expect(decide('contains', ['a', 'b'], 'a')).toBe(true);
    expect(decide('contains', 'ab', 'a')).toBe(false);
    expect(decide('doesNotContain', ['a'], 'b')).toBe(true);
    expect(decide('greaterThan', 5, 4)).toBe(true);
    expect(decide('greaterThanInclusive', 4, 4)).toBe(true);
    expect(decide('lessThan', undefined, 4)).toBe(false);
    expect(decide('lessThanInclusive', 4, 4)).toBe(true);
  });
});
