import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { compilePattern } from './compilePattern.js';
import { LinearPattern } from './linearPattern.js';

function linear(pattern: string): LinearPattern {
  // A pattern that does not compile throws here, so ajv's compile fails as it does for a bad RegExp.
  return compilePattern(pattern) ?? new LinearPattern(pattern);
}

/**
 * ajv's `code.regExp` option: the `pattern` keyword and `patternProperties`
 * run on RE2 ({@link LinearPattern}), in linear time and with its length cap.
 * ajv's Unicode flag is ignored: RE2 always matches by code point.
 *
 * @example new Ajv2020({ code: { regExp: linearRegExp } })
 */
export const linearRegExp: RegExpEngine = Object.assign((pattern: string) => linear(pattern), {
  // What standalone code would call to rebuild the engine (ajv's convention, as for `require("re2")`).
  code: 'require("@crm-policy/engine/patterns").linearRegExp',
});
