import type { ErrorSchema } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';
import { checkMessage } from './fieldErrorMessages.js';
import type { Template } from './templateForm.js';

/** A problem the server named: a 422's detail (`{ path, message, code }`) or a policy's deny reason (`{ reason, message, path? }`). */
export interface ServerProblem {
  /** A JSON Pointer into the request body (`/customer/intent`); none for a problem of no field. */
  path?: string;
  message: string;
  /** The JSON Schema keyword that failed, for a 422's details. */
  code?: string;
}

/**
 * The server's problems placed on the form: those under `/customer/…` as the
 * form's errors per field (for rjsf's `extraErrors`), worded like the
 * browser's own checks where the keyword is known; the others (a cap, the
 * blacklist) in `unplaced`, for a message by the submit button.
 */
export function problemsOnFields(problems: readonly ServerProblem[], template: Template, language: Language): { errors: ErrorSchema | undefined; unplaced: string[] } {
  const errors: Record<string, unknown> = {};
  const unplaced: string[] = [];
  for (const problem of problems) {
    const parts = (problem.path ?? '').match(/^\/customer\/(.+)$/)?.[1]?.split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (!parts?.length) {
      unplaced.push(problem.message);
      continue;
    }
    let node = errors;
    for (const part of parts) node = (node[part] ??= {}) as Record<string, unknown>;
    const message = (problem.code && checkMessage({ field: parts.join('.'), keyword: problem.code }, template, language)) || problem.message;
    const list = (node['__errors'] ??= []) as string[];
    if (!list.includes(message)) list.push(message);
  }
  return { errors: Object.keys(errors).length > 0 ? (errors as ErrorSchema) : undefined, unplaced };
}
