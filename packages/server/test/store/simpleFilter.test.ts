import fc from 'fast-check';
import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { simpleMatcher } from '../../src/store/embedded/simpleFilter.js';

// The shortcut matcher must decide every filter it accepts exactly as mingo does.
const scalar = fc.oneof(fc.constantFrom('a', 'b', '2026-01-01', '2027-01-01', ''), fc.integer({ min: -3, max: 3 }), fc.boolean());
const value = fc.oneof(scalar, fc.constant(null), fc.array(scalar, { maxLength: 3 }), fc.constant(undefined));
const condition = fc.oneof(
  scalar,
  fc.record({ $ne: scalar }),
  fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ $gt: scalar }),
  fc.record({ $gte: scalar, $lt: scalar }),
  fc.record({ $lte: scalar }),
);

describe('simpleMatcher', () => {
  it('agrees with mingo on random documents and filters', () => {
    fc.assert(
      fc.property(fc.record({ x: value, y: value }), fc.dictionary(fc.constantFrom('x', 'y', 'z'), condition, { maxKeys: 2 }), (doc, filter) => {
        const matcher = simpleMatcher(filter);
        expect(matcher).toBeDefined();
        const cleaned = Object.fromEntries(Object.entries({ _id: '1', ...doc }).filter(([, v]) => v !== undefined));
        expect(matcher!(cleaned as never)).toBe(new Query(filter).test(cleaned));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('agrees with mingo on $or of simple branches', () => {
    fc.assert(
      fc.property(fc.record({ x: value, y: value }), fc.array(fc.dictionary(fc.constantFrom('x', 'y'), condition, { minKeys: 1, maxKeys: 2 }), { minLength: 1, maxLength: 3 }), (doc, branches) => {
        const filter = { $or: branches };
        const cleaned = Object.fromEntries(Object.entries({ _id: '1', ...doc }).filter(([, v]) => v !== undefined));
        expect(simpleMatcher(filter)!(cleaned as never)).toBe(new Query(filter).test(cleaned));
      }),
      { numRuns: 1500, seed: 12 },
    );
  });

  it('declines what it does not know', () => {
    expect(simpleMatcher({ $or: [{ a: { $exists: true } }] })).toBeUndefined();
    expect(simpleMatcher({ $and: [{ a: 1 }] })).toBeUndefined();
    expect(simpleMatcher({ a: { $exists: true } })).toBeUndefined();
    expect(simpleMatcher({ a: { b: 1 } })).toBeUndefined();
    expect(simpleMatcher({ a: null })).toBeUndefined();
  });
});
