import type { Doc, Filter } from '../collection.js';

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * A matcher for the commonest filter, equality on plain fields with scalar
 * values, with MongoDB's semantics (an array field matches when it holds the
 * value); undefined for anything else, which mingo then evaluates.
 */
export function simpleMatcher(filter: Filter): ((doc: Doc) => boolean) | undefined {
  const entries = Object.entries(filter);
  if (!entries.every(([key, value]) => !key.startsWith('$') && isScalar(value))) return undefined;
  const tests = entries.map(([key, value]) => {
    const path = key.split('.');
    return (doc: Doc) => {
      let current: unknown = doc;
      for (const part of path) {
        if (current === null || typeof current !== 'object' || Array.isArray(current)) return false;
        current = (current as Record<string, unknown>)[part];
      }
      return current === value || (Array.isArray(current) && current.includes(value));
    };
  });
  return (doc) => tests.every((test) => test(doc));
}
