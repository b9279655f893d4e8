import type * as Patterns from '@crm-policy/engine/patterns';
import type { RegExpEngine } from 'ajv/dist/types/index.js';

let patterns: typeof Patterns | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads RE2 (`@crm-policy/engine/patterns`, a chunk of its own so it stays out
 * of the rep's first load); the forms call it when they mount. Resolves when
 * {@link deferredRegExp} checks patterns.
 */
export function loadDeferredRegExp(): Promise<void> {
  loading ??= import('@crm-policy/engine/patterns').then((loaded) => {
    patterns = loaded;
  });
  return loading;
}

function test(source: string, input: string): boolean {
  // Until RE2 has arrived, and for a pattern it cannot compile (the server refuses those), the server has the last word.
  if (!patterns) return true;
  try {
    return patterns.linearRegExp(source, 'u').test(input);
  } catch {
    return true;
  }
}

/**
 * ajv's `code.regExp` for the browser's template forms: a template's
 * `pattern` runs on RE2 as on the server, in linear time and with the same
 * length cap, never on the backtracking RegExp. Before
 * {@link loadDeferredRegExp} has finished, every pattern passes and the
 * server's answer lands on the field.
 */
export const deferredRegExp: RegExpEngine = Object.assign((source: string) => ({ test: (input: string) => test(source, input), toString: () => `/${source}/` }), {
  code: 'deferredRegExp',
});
