import { ApiError } from './apiError.js';

/** How deeply a request body may nest objects and arrays; the deepest a client sends (a rule file) nests about a dozen. */
export const MAX_BODY_DEPTH = 64;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** JSON Schema's own `$` keywords, allowed where a route accepts a schema. */
const SCHEMA_KEYWORDS = new Set(['$schema', '$id', '$ref', '$defs', '$comment', '$anchor', '$dynamicRef', '$dynamicAnchor']);

/** A value still to look at: its JSON Pointer, its key (object members), and how many objects and arrays hold it (itself included, when it is one). */
interface Pending {
  value: unknown;
  path: string;
  key?: string;
  depth: number;
}

const pointerStep = (key: string) => `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Rejects what no client has a reason to send, before anything else reads it:
 * nesting past `MAX_BODY_DEPTH` (`too-deep`, naming the first level past it),
 * prototype keys and `$`-prefixed keys (`forbidden-key`: MongoDB operators such
 * as `{ "$gt": "" }` in place of a value). The walk keeps its own stack, so no
 * depth of input can exhaust the call stack; problems come in document order.
 */
export function assertSafeInput(value: unknown, path = '', allowSchemaKeywords = false): void {
  const pending: Pending[] = [{ value, path, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: here, path: at, key, depth } = next;
    if (key !== undefined && (FORBIDDEN.has(key) || (key.startsWith('$') && !(allowSchemaKeywords && SCHEMA_KEYWORDS.has(key))))) {
      throw new ApiError('forbidden-key', `The key "${key}" is not allowed`, { details: [{ path: at, message: `key "${key}" is not allowed` }] });
    }
    if (here === null || typeof here !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) {
      throw new ApiError('too-deep', `The request nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels`, {
        details: [{ path: at || '/', message: `nests deeper than ${MAX_BODY_DEPTH} levels` }],
      });
    }
    const children: Pending[] = [];
    if (Array.isArray(here)) {
      here.forEach((item, i) => children.push({ value: item, path: `${at}/${i}`, depth: depth + 1 }));
    } else {
      for (const [member, item] of Object.entries(here)) children.push({ value: item, path: `${at}${pointerStep(member)}`, key: member, depth: depth + 1 });
    }
    // Last pushed is first looked at: reversed, the walk keeps document order.
    for (let i = children.length - 1; i >= 0; i -= 1) pending.push(children[i]!);
  }
}
