import { pathSegments } from '../format/factSchemaAt.js';
import type { FactReference } from '../format/ruleFile.js';

export type Facts = Readonly<Record<string, unknown>>;
export type Getter = (facts: Facts) => unknown;

const hasOwn = (value: unknown, key: string | number): boolean =>
  value !== null && value !== undefined && Object.prototype.hasOwnProperty.call(Object(value), key);

/**
 * Compiles a fact reference into a getter with json-rules-engine's semantics:
 * a path is followed only into an object value (a primitive is returned as it
 * is), and an own property that is missing reads as undefined.
 */
export function compileGetter(reference: FactReference): Getter {
  const { fact } = reference;
  if (!reference.path) return (facts) => facts[fact];
  const segments = pathSegments(reference.path);
  return (facts) => {
    const value = facts[fact];
    if (value === null || typeof value !== 'object') return value;
    let current: unknown = value;
    for (const segment of segments) {
      if (!hasOwn(current, segment)) return undefined;
      current = (current as Record<string | number, unknown>)[segment];
    }
    return current;
  };
}
