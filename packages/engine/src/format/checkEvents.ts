import type { Issue } from '../errors.js';
import { policies } from '../policies/policyRegistry.js';
import type { ValidateFunction } from 'ajv';
import { createAjv } from './createAjv.js';
import type { Ajv2020 } from './createAjv.js';
import { resolveFactSchema } from './checkComparisons.js';
import { jsonPointer } from './jsonPointer.js';
import { localized } from './messages.js';
import type { PolicyEvent, RuleFile } from './ruleFile.js';
import { isFactReference } from './ruleFile.js';
import { schemaIssues } from './schemaIssues.js';

type Schema = Record<string, unknown>;

// The outcome schemas are the registry's constants: each compiles once per process, not once per validation.
const compiledParams = new WeakMap<Schema, ValidateFunction>();
let paramsAjv: Ajv2020 | undefined;

function paramsValidator(paramsSchema: Schema): ValidateFunction {
  let validate = compiledParams.get(paramsSchema);
  if (!validate) {
    const { required: _required, ...withoutRequired } = paramsSchema;
    validate = (paramsAjv ??= createAjv()).compile(withoutRequired);
    compiledParams.set(paramsSchema, validate);
  }
  return validate;
}

function checkEvent(file: RuleFile, event: PolicyEvent, pointer: string, issues: Issue[]): void {
  const spec = policies[file.policy];
  const paramsSchema = spec.events[event.type] as Schema | undefined;
  if (!paramsSchema) {
    issues.push({
      code: 'event-unknown',
      pointer: pointer + '/type',
      message: localized('event-unknown', { type: event.type, policy: file.policy, known: Object.keys(spec.events).join(', ') }),
    });
    return;
  }
  const params = event.params ?? {};
  const literal: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (isFactReference(value)) resolveFactSchema(file, value, pointer + jsonPointer('params', key), issues);
    else literal[key] = value;
  }
  // A parameter read from a fact counts as present; its value is checked when the fact is.
  for (const required of (paramsSchema['required'] as string[] | undefined) ?? []) {
    if (!(required in params)) {
      issues.push({
        code: 'event-param-missing',
        pointer: pointer + '/params',
        message: localized('event-param-missing', { type: event.type, param: required }),
      });
    }
  }
  const validate = paramsValidator(paramsSchema);
  if (!validate(literal)) {
    for (const issue of schemaIssues(validate.errors, pointer + '/params')) {
      issues.push({ ...issue, code: 'event-param-invalid' });
    }
  }
}

/** Checks the default outcome and every rule's outcome against the policy's outcome types. */
export function checkEvents(file: RuleFile): Issue[] {
  const issues: Issue[] = [];
  for (const fact of policies[file.policy].derivedFrom ?? []) {
    if (!(fact in file.facts)) {
      issues.push({ code: 'fact-undeclared', pointer: '/facts', message: localized('fact-required-by-policy', { fact, policy: file.policy }) });
    }
  }
  checkEvent(file, file.default, '/default', issues);
  file.rules.forEach((rule, index) => checkEvent(file, rule.event, jsonPointer('rules', index, 'event'), issues));
  return issues;
}
