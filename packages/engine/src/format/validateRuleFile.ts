import type { ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import { checkComparisons } from './checkComparisons.js';
import { checkEvents } from './checkEvents.js';
import { checkFactSchemas } from './checkFactSchemas.js';
import { checkNames } from './checkNames.js';
import { createAjv } from './createAjv.js';
import { localized } from './messages.js';
import type { RuleFile } from './ruleFile.js';
import { ruleFileSchema } from './ruleFileSchema.js';
import { schemaIssues } from './schemaIssues.js';

/** The result of validating a rule file: every issue found, not only the first. */
export type RuleFileValidation =
  | { valid: true; ruleFile: RuleFile; issues: [] }
  | { valid: false; issues: Issue[] };

let validateShape: ValidateFunction | undefined;

function shapeValidator(): ValidateFunction {
  validateShape ??= createAjv().compile(ruleFileSchema());
  return validateShape;
}

/**
 * Validates a parsed rule file against `schemas/rule-file.schema.json`, then
 * checks what a schema cannot: facts used are declared, operators fit their
 * facts' types, names are unique, outcome types belong to the policy, and
 * regular expressions are bounded.
 */
export function validateRuleFile(document: unknown, options: { file?: string } = {}): RuleFileValidation {
  const withFile = (issues: Issue[]): Issue[] =>
    options.file ? issues.map((issue) => ({ ...issue, file: options.file })) : issues;
  const validate = shapeValidator();
  const shapeIssues = validate(document) ? [] : schemaIssues(validate.errors);
  const issues = [...shapeIssues, ...semanticIssues(document, shapeIssues)];
  return issues.length === 0
    ? { valid: true, ruleFile: document as RuleFile, issues: [] }
    : { valid: false, issues: withFile(issues) };
}

const within = (pointer: string, base: string) => pointer === base || pointer.startsWith(base + '/');

/**
 * The checks beyond the schema. On a file the schema rejected they still run,
 * each on its own, so that every problem is reported at once; a finding at or
 * under a node the schema already reported is left out.
 */
function semanticIssues(document: unknown, shapeIssues: Issue[]): Issue[] {
  if (typeof document !== 'object' || document === null) return [];
  const file = document as RuleFile;
  const checks = [
    () => checkFactSchemas(file),
    () => checkNames(file),
    () => checkComparisons(file),
    () => checkEvents(file),
  ];
  const found: Issue[] = [];
  for (const check of checks) {
    try {
      found.push(...check());
    } catch (error) {
      // Only a file the schema rejected can make a check stumble; its shape issues say why.
      if (shapeIssues.length === 0) throw error;
    }
  }
  if (shapeIssues.length === 0) return found;
  return found.filter((issue) => !shapeIssues.some((shape) => within(issue.pointer, shape.pointer) || within(shape.pointer, issue.pointer)));
}

/** Parses rule-file text, reporting bad JSON as an issue rather than throwing. */
export function parseRuleFile(text: string, options: { file?: string } = {}): RuleFileValidation {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const issue: Issue = {
      code: 'json-invalid',
      pointer: '',
      message: localized('json-invalid', { reason: (error as Error).message }),
      ...(options.file ? { file: options.file } : {}),
    };
    return { valid: false, issues: [issue] };
  }
  return validateRuleFile(document, options);
}
