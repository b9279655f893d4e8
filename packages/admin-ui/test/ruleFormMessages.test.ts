import { readFileSync } from 'node:fs';
import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import type { RuleDefinition, RuleFile } from '@crm-policy/engine';
import { ruleFormSchema, ruleSchema, wholeRuleValidator } from '../src/pages/rules/ruleForm.js';
import { ruleFormErrors } from '../src/pages/rules/ruleFormMessages.js';
import type { Language } from '../src/i18n/messages.js';

// The rule forms' errors, worded in the page's language: no ajv English on a Chinese page.
const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));
const schema = ruleSchema(read('schemas/rule-file.schema.json') as RJSFSchema);
const formSchema = ruleFormSchema(schema);
const claims = read('rules/claim-eligibility.json') as RuleFile;
const gradeC = claims.rules.find((rule) => rule.name === 'protect-grade-c')!;

/** A rule with no name, a priority that is not a whole number, and an unknown outcome type: its errors' messages by field. */
function messages(language: Language): Record<string, string[]> {
  const { name: _name, ...nameless } = gradeC;
  const broken = { ...nameless, priority: 2.5, event: { type: 'eligible', params: { protectionDays: 30 } } } as unknown as RuleDefinition;
  const { errors } = wholeRuleValidator(schema, language).validateFormData(broken, formSchema, undefined, ruleFormErrors(language));
  const byField: Record<string, string[]> = {};
  for (const error of errors) (byField[error.property ?? ''] ??= []).push(error.message ?? '');
  return byField;
}

describe('the rule form’s errors', () => {
  it('are in Chinese on a Chinese page, each on its field', () => {
    const zh = messages('zh');
    expect(zh['name']).toEqual(['此项必填']);
    expect(zh['.priority']).toEqual(['请输入整数']);
    for (const message of Object.values(zh).flat()) expect(message).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('are in English on an English page, with no Chinese', () => {
    const en = messages('en');
    expect(en['name']).toEqual(['Required']);
    expect(en['.priority']).toEqual(['Enter a whole number']);
    for (const message of Object.values(en).flat()) expect(message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('leave out the branch echoes ("must match the then schema")', () => {
    const errors = ruleFormErrors('zh')([
      { name: 'if', property: '.conditions', message: 'must match "then" schema', stack: '', schemaPath: '#/if' },
      { name: 'required', property: '.name', message: 'must have required property', stack: '', schemaPath: '#/required', params: { missingProperty: 'name' } },
    ]);
    expect(errors.map((error) => error.message)).toEqual(['此项必填']);
  });
});
