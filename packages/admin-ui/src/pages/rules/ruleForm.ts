import type { ErrorSchema, RJSFSchema, RJSFValidationError, UiSchema, ValidatorType } from '@rjsf/utils';
import type { ComparableField } from '@crm-policy/engine/editing';
import { comparableFields, operatorsFor, outcomeSchemas } from '@crm-policy/engine/editing';
import type { Comparison, Condition, OperatorName, RuleDefinition, RuleFile, TopLevelCondition } from '@crm-policy/engine';
import type { Language } from '../../i18n/messages.js';
import { ruleValidatorIn } from './ruleFormMessages.js';

/** A place in a condition tree: keys and indexes from the rule's `conditions` down, e.g. `['all', 1]`. */
export type ConditionPath = Array<string | number>;

/** The rule-file schema narrowed to one rule (its `$defs` kept), for a form that edits one rule. */
export function ruleSchema(fileSchema: RJSFSchema): RJSFSchema {
  const defs = (fileSchema.$defs ?? {}) as Record<string, RJSFSchema>;
  return { ...defs['rule'], $defs: defs } as RJSFSchema;
}

/** The rule-file schema's own validator, in English: 2020-12, with the one format it defines, and patterns on RE2 as the engine runs them. */
export const ruleValidator = ruleValidatorIn('en');

/** Drops "must match the then schema": it repeats, one level up, what the branch itself reports on the field. */
export const dropBranchEchoes = (errors: RJSFValidationError[]) => errors.filter((error) => error.name !== 'if' && error.name !== 'allOf');

/**
 * How the rule form fills in what the rule leaves out: nothing. A rule's
 * conditions hold exactly one group, so an empty `any: []` added beside its
 * `all` would make it invalid.
 */
export const RULE_DEFAULTS = { arrayMinItems: { populate: 'never' as const }, emptyObjectFields: 'skipDefaults' as const };

/**
 * The schema the rule form renders from: the rule's, with the condition tree
 * left opaque (its own editor draws it). Left to the form library, the
 * tree's if/then/else branches got an empty `not: {}` filled in beside `all`.
 */
export function ruleFormSchema(rule: RJSFSchema): RJSFSchema {
  const conditions = (rule.properties?.['conditions'] ?? {}) as RJSFSchema;
  return { ...rule, properties: { ...rule.properties, conditions: { type: 'object', title: conditions.title ?? 'Conditions' } } };
}

/** A validator for the rule form that checks the whole rule, condition tree included, against the full rule schema, its messages in the page's language. */
export function wholeRuleValidator(rule: RJSFSchema, language: Language = 'en'): ValidatorType {
  const base = ruleValidatorIn(language);
  const validator = Object.create(base) as ValidatorType;
  validator.validateFormData = (formData, _shown, customValidate, transformErrors, uiSchema) => base.validateFormData(formData, rule, customValidate, transformErrors, uiSchema);
  return validator;
}

/** Conditions and outcome get editors of their own; the rest is the schema's form. */
export const RULE_UI_SCHEMA: UiSchema = {
  'ui:order': ['name', 'priority', 'description', 'conditions', 'event'],
  description: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } },
  conditions: { 'ui:field': 'conditionTree' },
  event: { 'ui:field': 'outcome' },
};

/** The server's problems with a rule file (pointers under `/file/rules/<index>`) as the errors of that rule's form. */
export function ruleIssues(details: ReadonlyArray<{ path: string; message: string }>, index: number): ErrorSchema {
  return issuesUnder(details, `/file/rules/${index}`);
}

/** The server's problems under one pointer (`/file` for the file's own fields) as a form's errors, by field. */
export function issuesUnder(details: ReadonlyArray<{ path: string; message: string }>, prefix: string): ErrorSchema {
  const errors: Record<string, unknown> = {};
  for (const { path, message } of details) {
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    let node = errors;
    for (const part of path.slice(prefix.length).split('/').filter(Boolean)) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node['__errors'] ??= []) as string[]).push(message);
  }
  return errors as ErrorSchema;
}

/** The rules the server found problems in, by index. */
export function rulesWithIssues(details: ReadonlyArray<{ path: string }>): Set<number> {
  const found = new Set<number>();
  for (const { path } of details) {
    const match = /^\/file\/rules\/(\d+)(\/|$)/.exec(path);
    if (match) found.add(Number(match[1]));
  }
  return found;
}

/** The messages at one place of an error schema (not below it). */
export function errorsAt(errors: ErrorSchema | undefined, path: ConditionPath): string[] {
  let node: unknown = errors;
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[String(part)];
  return ((node as { __errors?: string[] } | undefined)?.__errors ?? []).slice();
}

/** Whether a condition is a group (all, any, not) rather than a comparison. */
export function groupKind(condition: Condition | TopLevelCondition): 'all' | 'any' | 'not' | undefined {
  if ('all' in condition) return 'all';
  if ('any' in condition) return 'any';
  if ('not' in condition) return 'not';
  return undefined;
}

/** The members of a group: a `not` has one. */
export function members(condition: Condition | TopLevelCondition): Condition[] {
  if ('all' in condition) return condition.all;
  if ('any' in condition) return condition.any;
  if ('not' in condition) return [condition.not];
  return [];
}

/** The same members under another group kind; a `not` keeps only the first. */
export function regroup(members: Condition[], kind: 'all' | 'any' | 'not'): TopLevelCondition {
  if (kind === 'not') return { not: members[0] ?? { all: [] } };
  return kind === 'all' ? { all: members } : { any: members };
}

/** The path of a group's member inside the tree, for error lookups: `['all', 2]`, or `['not']`. */
export function memberPath(group: Condition | TopLevelCondition, index: number): ConditionPath {
  const kind = groupKind(group)!;
  return kind === 'not' ? ['not'] : [kind, index];
}

/** The field a comparison reads, if the file declares it. */
export function fieldOf(comparison: Pick<Comparison, 'fact' | 'path'>, fields: readonly ComparableField[]): ComparableField | undefined {
  return fields.find((field) => field.fact === comparison.fact && (field.path ?? '') === (comparison.path ?? ''));
}

/**
 * A value fitting an operator on a field, keeping the previous value when it
 * still fits: switching `<` to `≥` keeps 1000, switching to `is one of` makes it a list.
 */
export function valueFor(operator: OperatorName, field: ComparableField | undefined, previous: unknown): unknown {
  const isNumber = field?.kinds?.has('number') ?? false;
  const isDate = field?.kinds?.has('date') ?? false;
  const enumValues = Array.isArray(field?.schema['enum']) ? (field?.schema['enum'] as unknown[]) : undefined;
  switch (operator) {
    case 'in':
    case 'notIn':
    case 'matchesAny':
      return Array.isArray(previous) ? previous : previous === undefined || previous === '' ? [] : [previous];
    case 'inRegion':
      return Array.isArray(previous) ? previous.filter((code) => typeof code === 'string') : [];
    case 'between':
      return Array.isArray(previous) && previous.length === 2 ? previous : isDate ? ['', ''] : [0, 0];
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
    case 'olderThanDays':
    case 'withinDays':
      return typeof previous === 'number' ? previous : 0;
    case 'isBlank':
      return typeof previous === 'boolean' ? previous : true;
    case 'matchesPattern':
    case 'contains':
    case 'doesNotContain':
      return typeof previous === 'string' ? previous : '';
    default:
      if (enumValues) return enumValues.includes(previous) ? previous : enumValues[0];
      if (isNumber) return typeof previous === 'number' ? previous : 0;
      if (field?.kinds?.has('boolean') && !field.kinds.has('string')) return typeof previous === 'boolean' ? previous : true;
      return typeof previous === 'string' ? previous : '';
  }
}

/** A comparison on the first field with its first fitting operator: what "add a condition" starts from. */
export function newComparison(field: ComparableField | undefined, operator: OperatorName): Comparison {
  return { fact: field?.fact ?? '', ...(field?.path ? { path: field.path } : {}), operator, value: valueFor(operator, field, undefined) } as Comparison;
}

/** A rule to start from: one condition, the policy's first outcome type. */
export function newRule(name: string, comparison: Comparison, outcomeType: string): RuleDefinition {
  return { name, priority: 1, conditions: { all: [comparison] }, event: { type: outcomeType, params: {} } };
}

/** A rule that does not exist yet: a name nothing uses, on the first field with its first fitting operator, the policy's first outcome. */
export function blankRule(file: RuleFile): RuleDefinition {
  const field = comparableFields(file)[0];
  let name = 'new-rule';
  for (let n = 2; file.rules.some((rule) => rule.name === name); n++) name = `new-rule-${n}`;
  return newRule(name, newComparison(field, operatorsFor(field?.kinds)[0] ?? 'equal'), Object.keys(outcomeSchemas(file.policy))[0] ?? '');
}
