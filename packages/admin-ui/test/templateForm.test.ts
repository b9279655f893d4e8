import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Template } from '../src/pages/register/templateForm.js';
import { loadDeferredRegExp } from '../src/pages/register/deferredRegExp.js';
import { localizedSchema, localizedUiSchema, withFormatWidgets } from '../src/pages/register/templateForm.js';
import { templateValidator as validatorIn } from '../src/pages/register/templateValidator.js';

const templateValidator = validatorIn('en');

// The form generated from an industry template: titles in the UI's language, formats checked as the server does, server errors on their fields.
const software = JSON.parse(readFileSync(new URL('../../../schemas/templates/software.json', import.meta.url), 'utf8')) as Template;
const valid = { companyName: '深圳市星云数据有限公司', region: '440305', contactName: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas' };

describe('the registration form from a template', () => {
  it('titles fields, nested ones too, in the chosen language', () => {
    const zh = localizedSchema(software, 'zh');
    expect(zh.properties?.['companyName']).toMatchObject({ title: '公司名称', minLength: 2 });
    expect((zh.properties?.['purchasePlan'] as { properties: Record<string, { title: string }> }).properties['product']!.title).toBe('采购产品');
    expect(localizedSchema(software, 'en').properties?.['companyName']).toMatchObject({ title: 'Company name' });
  });

  it('validates like the server: the credit code’s check character, the district code, required fields', () => {
    const errors = (data: Record<string, unknown>) => templateValidator.validateFormData(data, software.schema).errors.map((e) => e.property?.replace(/^\./, ''));
    expect(errors(valid)).toEqual([]);
    expect(errors({ ...valid, creditCode: '91440300MA5F0ABC1D' })).toEqual([]);
    expect(errors({ ...valid, creditCode: '91440300MA5F0ABC1M' })).toEqual(['creditCode']);
    expect(errors({ ...valid, region: '040305' })).toEqual(['region']);
    const { companyName: _name, ...missing } = valid;
    expect(errors(missing)).toEqual(['companyName']);
  });

  it('gives the credit code its own widget unless the template chose one', () => {
    expect(withFormatWidgets(software.schema, software.uiSchema)['creditCode']).toMatchObject({ 'ui:widget': 'creditCode' });
    expect(withFormatWidgets(software.schema, { creditCode: { 'ui:widget': 'text' } })['creditCode']).toEqual({ 'ui:widget': 'text' });
  });

  it('names choices in the chosen language and offers placeholders, without the other language’s help', () => {
    expect(localizedUiSchema(software, 'zh')['deployment']).toMatchObject({ 'ui:enumNames': { saas: 'SaaS 云服务', 'on-premise': '本地部署', hybrid: '混合部署' } });
    expect(localizedUiSchema(software, 'en')['deployment']).toMatchObject({ 'ui:enumNames': { saas: 'SaaS (cloud)' } });
    expect(localizedUiSchema(software, 'zh')['phone']).toMatchObject({ 'ui:placeholder': expect.stringMatching(/^如/) });
    const zh = localizedSchema(software, 'zh');
    expect(zh.title).toBeUndefined();
    expect(zh.properties?.['creditCode']).toMatchObject({ description: '18 位，末位为校验码' });
    const descriptions = (schema: typeof zh): string[] =>
      Object.values(schema.properties ?? {}).flatMap((child) => (typeof child === 'object' ? [String(child.description ?? ''), ...descriptions(child)] : []));
    expect(descriptions(zh).join(' ')).not.toMatch(/[A-Za-z]{3,}/);
    expect(descriptions(localizedSchema(software, 'en')).join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps an old template without display names working: its choices show their codes', () => {
    const { choices: _choices, help: _help, placeholders: _placeholders, ...old } = software;
    expect(localizedUiSchema(old, 'zh')['deployment']).toBeUndefined();
    expect(localizedSchema(old, 'zh').properties?.['region']).toMatchObject({ description: 'GB/T 2260 district code, e.g. 440305' });
  });
});

// Regression: the browser ran a template's pattern on the backtracking RegExp, so `^(a+)+$` froze the rep's tab. No
// timing is asserted: the validation runs, and a backtracking engine makes the test exceed its timeout.
describe('a template pattern in the browser', () => {
  it('runs on RE2 once loaded: the server decides until then', { timeout: 5_000 }, async () => {
    const schema = { ...software.schema, properties: { ...software.schema.properties, intent: { type: 'string' as const, pattern: '^(a+)+$' } } };
    const errors = (intent: string) => templateValidator.validateFormData({ ...valid, intent }, schema).errors.map((e) => e.property?.replace(/^\./, ''));
    expect(errors('a'.repeat(30) + '!')).toEqual([]);
    await loadDeferredRegExp();
    for (const intent of ['a'.repeat(30) + '!', 'a'.repeat(9_999) + '!', 'a'.repeat(10_001)]) expect(errors(intent)).toEqual(['intent']);
    expect(errors('a'.repeat(10_000))).toEqual([]);
    expect(templateValidator.validateFormData({ ...valid, phone: 'call me' }, software.schema).errors.map((e) => e.property)).toEqual(['.phone']);
  });
});
