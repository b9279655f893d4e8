import { RE2JS } from 're2js';

/**
 * The longest string a pattern is run on, in UTF-16 code units. A longer
 * string never matches: a rule's `matchesPattern` is false for it and a
 * schema's `pattern` refuses it. RE2 takes time linear in the input; the cap
 * bounds that line.
 */
export const MAX_PATTERN_INPUT = 10_000;

/**
 * A regular expression in RE2 syntax, run by re2js (a JavaScript port of RE2):
 * matching takes time linear in the input whatever the pattern, so an
 * admin's pattern cannot stall the process. RE2 has no backreferences and no
 * lookaround; such a pattern does not compile.
 */
export class LinearPattern {
  private readonly compiled: RE2JS;

  /** Compiles `source`; throws an Error whose message says why when it is not RE2 syntax. */
  constructor(readonly source: string) {
    this.compiled = RE2JS.compile(source);
  }

  /** True when the pattern matches somewhere in `input` (unanchored, as `RegExp.prototype.test`); false past {@link MAX_PATTERN_INPUT}. */
  test(input: string): boolean {
    return input.length <= MAX_PATTERN_INPUT && this.compiled.test(input);
  }

  /** The pattern between slashes: ajv keys its compiled patterns by this text. */
  toString(): string {
    return `/${this.source}/`;
  }
}

/** Why `source` is not a pattern RE2 compiles, or undefined when it is. */
export function patternSyntaxError(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
