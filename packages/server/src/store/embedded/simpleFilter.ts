import type { Doc, Filter } from '../collection.js';

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

type Test = (value: unknown) => boolean;

// MongoDB compares only values of the same kind: a string bound never matches a number.
const sameKind = (a: unknown, b: Scalar) => typeof a === typeof b;
/** A test of a value or, for an array, of any of its elements (made once per filter: documents are tested without allocating). */
const holding = (test: Test): Test => (value) => test(value) || (Array.isArray(value) && value.some(test));

function operatorTest(operator: string, operand: unknown): Test | undefined {
  if (operator === '$in') return Array.isArray(operand) && operand.every(isScalar) ? holding((x) => operand.includes(x as Scalar)) : undefined;
  if (!isScalar(operand)) return undefined;
  switch (operator) {
    case '$eq':
      return holding((x) => x === operand);
    case '$ne': {
      const equal = holding((x) => x === operand);
      return (v) => !equal(v);
    }
    case '$gt':
      return holding((x) => sameKind(x, operand) && (x as Scalar) > operand);
    case '$gte':
      return holding((x) => sameKind(x, operand) && (x as Scalar) >= operand);
    case '$lt':
      return holding((x) => sameKind(x, operand) && (x as Scalar) < operand);
    case '$lte':
      return holding((x) => sameKind(x, operand) && (x as Scalar) <= operand);
    default:
      return undefined;
  }
}

function conditionTest(condition: unknown): Test | undefined {
  if (isScalar(condition)) return holding((x) => x === condition);
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return undefined;
  const tests: Test[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    const test = operatorTest(operator, operand);
    if (!test) return undefined;
    tests.push(test);
  }
  return tests.length > 0 ? (v) => tests.every((test) => test(v)) : undefined;
}

/**
 * A matcher for the commonest filters: plain fields compared with scalars by
 * equality, `$ne`, `$in`, `$gt`, `$gte`, `$lt`, `$lte`, with MongoDB's
 * semantics (an array field matches when an element does; values of another
 * type never compare). Undefined for anything else, which mingo then evaluates.
 */
export function simpleMatcher(filter: Filter): ((doc: Doc) => boolean) | undefined {
  const tests: Array<(doc: Doc) => boolean> = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$or' && Array.isArray(condition) && condition.length > 0) {
      const branches = condition.map((branch) => (branch && typeof branch === 'object' ? simpleMatcher(branch as Filter) : undefined));
      if (branches.some((branch) => branch === undefined)) return undefined;
      tests.push((doc) => {
        for (const branch of branches) if (branch!(doc)) return true;
        return false;
      });
      continue;
    }
    if (key.startsWith('$')) return undefined;
    const test = conditionTest(condition);
    if (!test) return undefined;
    const path = key.split('.');
    tests.push((doc) => {
      let current: unknown = doc;
      for (const part of path) {
        if (current === null || typeof current !== 'object' || Array.isArray(current)) {
          current = undefined;
          break;
        }
        current = (current as Record<string, unknown>)[part];
      }
      return test(current);
    });
  }
  return (doc) => {
    for (const test of tests) if (!test(doc)) return false;
    return true;
  };
}
