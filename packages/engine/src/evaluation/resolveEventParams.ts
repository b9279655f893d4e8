import type { PolicyEvent } from '../format/ruleFile.js';
import { isFactReference } from '../format/ruleFile.js';
import type { Facts } from './resolvePath.js';
import { compileGetter } from './resolvePath.js';

/** A deep copy of a JSON value: cheaper than structuredClone for the small objects outcomes carry. */
function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyJson((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** Compiles an outcome whose params may read facts (`{ "fact": ..., "path": ... }`). */
export function compileEvent(event: PolicyEvent): (facts: Facts) => PolicyEvent {
  const params = event.params;
  if (!params) return () => ({ type: event.type });
  const readers = Object.entries(params)
    .filter(([, value]) => isFactReference(value))
    .map(([key, value]) => [key, compileGetter(value as { fact: string; path?: string })] as const);
  if (readers.length === 0) return () => ({ type: event.type, params: copyJson(params) });
  return (facts) => {
    const resolved: Record<string, unknown> = copyJson(params);
    for (const [key, read] of readers) resolved[key] = read(facts);
    return { type: event.type, params: resolved };
  };
}
