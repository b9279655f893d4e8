import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RuleFile } from '@crm-policy/engine';
import { ruleValidatorIn } from '../src/pages/rules/ruleFormMessages.js';
import { factsFormSchema } from '../src/pages/rules/factsFormSchema.js';

// The facts form (tests drawer, "try it"): titles in the page's language, choices offered by name and stored as codes.
const assignment = JSON.parse(readFileSync(new URL('../../../rules/assignment.json', import.meta.url), 'utf8')) as RuleFile;

describe('a policy’s facts as a form', () => {
  it('is titled in the page’s language, with choices by name and the codes as values', () => {
    const zh = factsFormSchema(assignment.facts, 'zh', '事实');
    const customer = zh.properties!['customer'] as { title: string; properties: Record<string, Record<string, unknown>> };
    expect(zh.title).toBe('事实');
    expect(customer.title).toBe('客户');
    expect(customer.properties['type']).toMatchObject({ title: '客户类型', type: 'string', oneOf: [{ const: 'company', title: '企业' }, { const: 'individual', title: '个人' }] });
    // The declarations' descriptions are English only: left out of the Chinese form, kept in the English one.
    expect(customer).not.toHaveProperty('description');
    const en = factsFormSchema(assignment.facts, 'en');
    expect(en.properties!['customer']).toHaveProperty('description', 'The customer to route.');
    expect((en.properties!['productLine'] as { oneOf: unknown[] }).oneOf).toContainEqual({ const: 'iot', title: 'IoT' });
  });

  it('accepts and refuses what the declarations do', () => {
    const schema = factsFormSchema(assignment.facts, 'zh');
    const validator = ruleValidatorIn('zh');
    for (const test of assignment.tests ?? []) expect(validator.isValid(schema, test.facts, schema), test.name).toBe(true);
    expect(validator.isValid(schema, { customer: { regionCode: '440305', type: 'company-ish', employees: 5, industry: 'retail' }, productLine: 'crm' }, schema)).toBe(false);
  });
});
