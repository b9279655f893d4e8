import { ApiError } from './apiError.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Rejects keys no client has a reason to send: prototype keys, and `$`-prefixed
 * keys (MongoDB operators such as `{ "$gt": "" }` in place of a value).
 */
/** JSON Schema's own `$` keywords, allowed where a route accepts a schema. */
const SCHEMA_KEYWORDS = new Set(['$schema', '$id', '$ref', '$defs', '$comment', '$anchor', '$dynamicRef', '$dynamicAnchor']);

export function assertSafeKeys(value: unknown, path = '', allowSchemaKeywords = false): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertSafeKeys(item, `${path}/${i}`, allowSchemaKeywords));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const here = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (FORBIDDEN.has(key) || (key.startsWith('$') && !(allowSchemaKeywords && SCHEMA_KEYWORDS.has(key)))) {
      throw new ApiError('forbidden-key', `The key "${key}" is not allowed`, { details: [{ path: here, message: `key "${key}" is not allowed` }] });
    }
    assertSafeKeys((value as Record<string, unknown>)[key], here, allowSchemaKeywords);
  }
}
