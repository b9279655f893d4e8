import { dictionary } from '@zxcvbn-ts/language-common';
import { ApiError } from '../http/apiError.js';
import type { FieldProblem } from '../validation/fieldProblem.js';
import type { Language } from '../http/language.js';

/** The fewest characters (Unicode code points) a password may have. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * A new password in a request body. Its length and commonness are checked by
 * `assertAcceptablePassword`, so that both answer 422 `weak-password`.
 */
export const NEW_PASSWORD_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  description: `At least ${MIN_PASSWORD_LENGTH} characters, and not one of the most common passwords (422 weak-password)`,
} as const;

/**
 * The ~49,000 passwords that lead the lists leaked from breaches, as zxcvbn-ts
 * ships them (MIT): lowercase, most common first.
 */
const COMMON = new Set<string>(dictionary['passwords-common']);

// Digits and symbols around a common word ("Password2026!", "!!dragon!!") do not make it less common.
const PADDING = /^[\d\W_]+|[\d\W_]+$/gu;

const MESSAGES = {
  'too-short': { en: `must have at least ${MIN_PASSWORD_LENGTH} characters`, zh: `至少 ${MIN_PASSWORD_LENGTH} 个字符` },
  common: { en: 'is one of the most common passwords: choose another', zh: '属于最常见的密码，请另选' },
} as const;

/** Whether a password, or its word without the digits and symbols around it, is among the most common ones. */
export function isCommonPassword(password: string): boolean {
  const lower = password.normalize('NFKC').toLowerCase();
  const word = lower.replace(PADDING, '');
  return COMMON.has(lower) || (word.length > 0 && COMMON.has(word));
}

/** What is wrong with a new password, as field problems at `path` (none when it may be used). */
export function passwordProblems(password: string, path = '/password', language: Language = 'en'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push({ path, message: MESSAGES['too-short'][language], code: 'too-short' });
  if (isCommonPassword(password)) problems.push({ path, message: MESSAGES.common[language], code: 'common' });
  return problems;
}

/** Refuses a new password that is too short or too common: 422 `weak-password` with the problems at `path`. */
export function assertAcceptablePassword(password: string, path = '/password', language: Language = 'en'): void {
  const details = passwordProblems(password, path, language);
  if (details.length === 0) return;
  const message = language === 'zh' ? '密码太弱' : 'The password is too weak';
  throw new ApiError('weak-password', `${message}: ${details.map((problem) => problem.message).join('; ')}`, { details });
}
