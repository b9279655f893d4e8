import { LinearPattern } from './linearPattern.js';

// Patterns by source: rules and schemas repeat the same few, and compiling one costs far more than matching it.
const CACHE_LIMIT = 10_000;
const cache = new Map<string, LinearPattern | null>();

/**
 * The {@link LinearPattern} for `source` from a bounded cache, or null when
 * it does not compile (validation refuses such patterns before they are run).
 */
export function compilePattern(source: string): LinearPattern | null {
  let pattern = cache.get(source);
  if (pattern === undefined) {
    try {
      pattern = new LinearPattern(source);
    } catch {
      pattern = null;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(source, pattern);
  }
  return pattern;
}
