import { readFileSync } from 'node:fs';
import type { RJSFSchema } from '@rjsf/utils';
import { getDefaultFormState } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { comparableFields } from '@crm-policy/engine/editing';
import type { RuleDefinition, RuleFile } from '@crm-policy/engine';
import { dropBranchEchoes, errorsAt, RULE_DEFAULTS, ruleFormSchema, wholeRuleValidator, fieldOf, memberPath, regroup, ruleIssues, ruleSchema, rulesWithIssues, ruleValidator, valueFor } from '../src/pages/rules/ruleForm.js';

// The rule form: one rule of the file schema, its errors on the right field, values that follow the operator.
const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));
const fileSchema = read('schemas/rule-file.schema.json') as RJSFSchema;
const assignment = read('rules/assignment.json') as RuleFile;
const schema = ruleSchema(fileSchema);
const smeEast = assignment.rules.find((rule) => rule.name === 'sme-east')!;

// As the form validates: against the schema it renders from, through the validator that checks the whole rule.
const formSchema = ruleFormSchema(schema);
const validate = (rule: unknown) => wholeRuleValidator(schema).validateFormData(rule as RuleDefinition, formSchema, undefined, dropBranchEchoes);

describe('the rule form', () => {
  it('accepts every shipped rule as it is', () => {
    for (const rule of assignment.rules) expect(validate(rule).errors, rule.name).toEqual([]);
  });

  it('opens and changes a rule without adding to it (no empty `any` or `not` beside its `all`)', () => {
    // As the form computes it on opening and again on every change.
    for (const includeUndefined of [false, 'excludeObjectChildren'] as const) {
      for (const rule of assignment.rules) expect(getDefaultFormState(ruleValidator, formSchema, rule, formSchema, includeUndefined, RULE_DEFAULTS)).toEqual(rule);
    }
  });

  it('puts a schema error on the field it belongs to, deep in the condition tree too', () => {
    const broken = structuredClone(smeEast) as unknown as { priority: number; conditions: { all: Array<{ operator: string }> } };
    broken.priority = 0;
    broken.conditions.all[1]!.operator = 'equals';
    const { errorSchema } = validate(broken);
    expect(errorsAt(errorSchema, ['priority'])).toHaveLength(1);
    expect(errorsAt(errorSchema, ['conditions', 'all', 1, 'operator'])).toHaveLength(1);
    // Not echoed on the comparison or the group above it.
    expect(errorsAt(errorSchema, ['conditions', 'all', 1])).toEqual([]);
    expect(errorsAt(errorSchema, ['conditions', 'all', 0, 'operator'])).toEqual([]);
  });

  it('places the server’s problems on the rule and field they name, and only there', () => {
    const details = [
      { path: '/file/rules/3/name', message: 'Two rules are named sme-south' },
      { path: '/file/rules/3/conditions/all/1/value', message: 'not a number' },
      { path: '/file/rules/31/name', message: 'elsewhere' },
      { path: '/file/default/type', message: 'not this one' },
    ];
    const errors = ruleIssues(details, 3);
    expect(errorsAt(errors, ['name'])).toEqual(['Two rules are named sme-south']);
    expect(errorsAt(errors, ['conditions', 'all', 1, 'value'])).toEqual(['not a number']);
    expect(JSON.stringify(errors)).not.toContain('elsewhere');
    expect([...rulesWithIssues(details)].sort((a, b) => a - b)).toEqual([3, 31]);
  });

  it('keeps a value while it fits the new operator and reshapes it when not', () => {
    const fields = comparableFields(assignment);
    const employees = fieldOf({ fact: 'customer', path: '$.employees' }, fields)!;
    const industry = fieldOf({ fact: 'customer', path: '$.industry' }, fields)!;
    expect(valueFor('greaterThanInclusive', employees, 1000)).toBe(1000);
    expect(valueFor('in', employees, 1000)).toEqual([1000]);
    expect(valueFor('between', employees, 1000)).toEqual([0, 0]);
    expect(valueFor('equal', industry, 'nonsense')).toBe('manufacturing');
    expect(valueFor('equal', industry, 'retail')).toBe('retail');
    expect(valueFor('inRegion', undefined, '44')).toEqual([]);
    expect(valueFor('isBlank', undefined, 'x')).toBe(true);
  });

  it('regroups members and names their place for error lookups', () => {
    const a = { fact: 'productLine', operator: 'equal' as const, value: 'crm' };
    const b = { fact: 'productLine', operator: 'equal' as const, value: 'erp' };
    expect(regroup([a, b], 'any')).toEqual({ any: [a, b] });
    expect(regroup([a, b], 'not')).toEqual({ not: a });
    expect(memberPath({ any: [a, b] }, 1)).toEqual(['any', 1]);
    expect(memberPath({ not: a }, 0)).toEqual(['not']);
  });
});
