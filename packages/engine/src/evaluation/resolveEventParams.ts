import type { PolicyEvent } from '../format/ruleFile.js';
import { isFactReference } from '../format/ruleFile.js';
import type { Facts } from './resolvePath.js';
import { compileGetter } from './resolvePath.js';

/** Compiles an outcome whose params may read facts (`{ "fact": ..., "path": ... }`). */
export function compileEvent(event: PolicyEvent): (facts: Facts) => PolicyEvent {
  const params = event.params;
  if (!params) return () => ({ type: event.type });
  const readers = Object.entries(params)
    .filter(([, value]) => isFactReference(value))
    .map(([key, value]) => [key, compileGetter(value as { fact: string; path?: string })] as const);
  if (readers.length === 0) return () => ({ type: event.type, params: structuredClone(params) });
  return (facts) => {
    const resolved: Record<string, unknown> = structuredClone(params);
    for (const [key, read] of readers) resolved[key] = read(facts);
    return { type: event.type, params: resolved };
  };
}
