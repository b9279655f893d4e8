import type { Doc, Filter } from '../collection.js';

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

type Test = (value: unknown) => boolean;

// MongoDB compares only values of the same kind: a string bound never matches a number.
const sameKind = (a: unknown, b: Scalar) => typeof a === typeof b;
const holds = (value: unknown, test: (v: unknown) => boolean) => test(value) || (Array.isArray(value) && value.some(test));

function operatorTest(operator: string, operand: unknown): Test | undefined {
  switch (operator) {
    case '$eq':
      return isScalar(operand) ? (v) => holds(v, (x) => x === operand) : undefined;
    case '$ne':
      return isScalar(operand) ? (v) => !holds(v, (x) => x === operand) : undefined;
    case '$in':
      return Array.isArray(operand) && operand.every(isScalar) ? (v) => holds(v, (x) => operand.includes(x as Scalar)) : undefined;
    case '$gt':
      return isScalar(operand) ? (v) => holds(v, (x) => sameKind(x, operand) && (x as Scalar) > operand) : undefined;
    case '$gte':
      return isScalar(operand) ? (v) => holds(v, (x) => sameKind(x, operand) && (x as Scalar) >= operand) : undefined;
    case '$lt':
      return isScalar(operand) ? (v) => holds(v, (x) => sameKind(x, operand) && (x as Scalar) < operand) : undefined;
    case '$lte':
      return isScalar(operand) ? (v) => holds(v, (x) => sameKind(x, operand) && (x as Scalar) <= operand) : undefined;
    default:
      return undefined;
  }
}

function conditionTest(condition: unknown): Test | undefined {
  if (isScalar(condition)) return (v) => holds(v, (x) => x === condition);
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
      tests.push((doc) => branches.some((branch) => branch!(doc)));
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
  return (doc) => tests.every((test) => test(doc));
}
