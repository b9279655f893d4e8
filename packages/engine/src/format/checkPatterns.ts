import safeRegexModule from 'safe-regex2';
import type { Issue } from '../errors.js';
import { localized } from './messages.js';

const safeRegex = safeRegexModule as unknown as (re: string, opts?: { limit?: number }) => boolean;

/**
 * Checks that a regular expression compiles (with the `u` flag, as ajv and the
 * `matchesPattern` operator use it) and has no nested repetition that could
 * backtrack catastrophically.
 */
export function checkPattern(pattern: string, pointer: string): Issue[] {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return [{ code: 'regex-invalid', pointer, message: localized('regex-invalid', { pattern, reason: (error as Error).message }) }];
  }
  if (!safeRegex(pattern, { limit: 25 })) {
    return [{ code: 'regex-unbounded', pointer, message: localized('regex-unbounded', { pattern }) }];
  }
  return [];
}

/** Checks every `pattern` and `patternProperties` key inside a JSON Schema. */
export function checkSchemaPatterns(schema: unknown, pointer: string): Issue[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(schema)) {
    const here = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key === 'pattern' && typeof value === 'string') issues.push(...checkPattern(value, here));
    else if (key === 'patternProperties' && typeof value === 'object' && value !== null) {
      for (const property of Object.keys(value)) issues.push(...checkPattern(property, `${here}/${property}`));
      issues.push(...checkSchemaPatterns(value, here));
    } else if (typeof value === 'object') issues.push(...checkSchemaPatterns(value, here));
  }
  return issues;
}
