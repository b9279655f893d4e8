import { readFile } from 'node:fs/promises';
import type { Policy, PolicyOptions } from './evaluation/createPolicy.js';
import { createPolicy } from './evaluation/createPolicy.js';
import { PolicyError } from './errors.js';
import { localized } from './format/messages.js';
import { parseRuleFile } from './format/validateRuleFile.js';

/** Reads, validates and compiles a rule file from disk; throws `invalid-rule-file` with every issue. */
export async function loadPolicy(path: string, options: Omit<PolicyOptions, 'file'> = {}): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as Error).message;
    throw new PolicyError('invalid-rule-file', `${path} cannot be read: ${reason}`, [
      { code: 'file-unreadable', pointer: '', file: path, message: localized('file-unreadable', { reason }) },
    ]);
  }
  const validation = parseRuleFile(text, { file: path });
  if (!validation.valid) {
    throw new PolicyError('invalid-rule-file', `${path} has ${validation.issues.length} problem(s)`, validation.issues);
  }
  return createPolicy(validation.ruleFile, { ...options, file: path });
}
