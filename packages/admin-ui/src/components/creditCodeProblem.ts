import { creditCodeCheckCharacter, isValidCreditCode } from '@crm-policy/engine/identifiers';
import type { MessageKey } from '../i18n/messages.js';

/**
 * What is wrong with a unified social credit code as far as it is typed, in
 * the catalogue's words: the check character once 18 are in (naming the right
 * one), a character codes never use, or too many. Nothing while it is short of 18.
 */
export function creditCodeProblem(value: string): { key: MessageKey; values?: Record<string, string> } | undefined {
  const code = value.toUpperCase();
  if (code.length > 18) return { key: 'creditCodeLength' };
  if (code.length < 18 || isValidCreditCode(code)) return undefined;
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  return expected ? { key: 'creditCodeCheck', values: { expected } } : { key: 'creditCodeAlphabet' };
}
