import type { Issue } from '../errors.js';
import { patternSyntaxError } from '../patterns/linearPattern.js';
import { localized } from './messages.js';

/**
 * Checks that a regular expression is RE2 syntax, the engine every pattern
 * runs on (the `matchesPattern` operator, and ajv's `pattern` keyword). RE2
 * matches in linear time, so any pattern that compiles is safe to run; what
 * it refuses is backreferences and lookaround.
 */
export function checkPattern(pattern: string, pointer: string): Issue[] {
  const reason = patternSyntaxError(pattern);
  return reason === undefined ? [] : [{ code: 'regex-invalid', pointer, message: localized('regex-invalid', { pattern, reason }) }];
}

/** Checks every `pattern` and `patternProperties` key inside a JSON Schema; each issue points at the pattern. */
export function checkSchemaPatterns(schema: unknown, pointer: string): Issue[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(schema)) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (key === 'pattern' && typeof value === 'string') issues.push(...checkPattern(value, here));
    else if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
      for (const property of Object.keys(value)) issues.push(...checkPattern(property, `${here}/${escapePointer(property)}`));
      issues.push(...checkSchemaPatterns(value, here));
    } else if (typeof value === 'object') issues.push(...checkSchemaPatterns(value, here));
  }
  return issues;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
