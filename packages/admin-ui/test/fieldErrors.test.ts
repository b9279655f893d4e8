import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../src/pages/register/templateForm.js';
import { creditCodeErrors, fieldErrorMessages } from '../src/pages/register/fieldErrorMessages.js';
import { problemsOnFields } from '../src/pages/register/problemsOnFields.js';
import { loadDeferredRegExp } from '../src/pages/register/deferredRegExp.js';
import { templateValidator } from '../src/pages/register/templateValidator.js';

// Errors where the eye is: every check's message on its field, in the page's language, with the template's labels.
const software = JSON.parse(readFileSync(new URL('../../../schemas/templates/software.json', import.meta.url), 'utf8')) as Template;
const valid = { companyName: '深圳市星云数据有限公司', region: '440305', contactName: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas' };
const CHINESE = /[\u4e00-\u9fff]/;
// Patterns run on RE2 once it has loaded (until then the server decides).
beforeAll(() => loadDeferredRegExp());

/** The form's errors by field, as the page shows them. */
function shown(data: Record<string, unknown>, language: 'zh' | 'en'): Record<string, string> {
  const { errors } = templateValidator(language).validateFormData(
    data,
    software.schema,
    (formData, found) => creditCodeErrors(formData as Record<string, unknown>, found, software, language),
    (list) => fieldErrorMessages(list, software, language),
  );
  return Object.fromEntries(errors.map((error) => [(error.property ?? '').replace(/^\./, ''), error.message ?? '']));
}

describe('the browser’s checks, worded for people', () => {
  it('an empty form: every required field, each on its own field, in Chinese with its label', () => {
    const errors = shown({}, 'zh');
    expect(Object.keys(errors).sort()).toEqual(['companyName', 'contactName', 'deployment', 'grade', 'phone', 'region']);
    expect(errors['companyName']).toBe('请填写公司名称');
    expect(errors['deployment']).toBe('请选择部署方式');
    expect(errors['region']).toBe('请选择所在地区');
    for (const message of Object.values(errors)) expect(message).not.toMatch(/must|property|应当有必需属性|deployment|companyName/);
  });

  it('the same in English, with no Chinese', () => {
    const errors = shown({}, 'en');
    expect(errors['deployment']).toBe('Deployment is required');
    for (const message of Object.values(errors)) expect(message).not.toMatch(CHINESE);
  });

  it('a bad email, phone, credit code and choice: the catalogue’s or the template’s words, never ajv’s formats or patterns', () => {
    const errors = shown({ ...valid, email: 'zhang@', phone: 'call me', creditCode: '91440300MA5F0ABC1M', deployment: 'cloud', employees: 2.5 }, 'zh');
    expect(errors).toEqual({
      email: '不是有效的电子邮箱地址',
      phone: '不是有效的电话号码',
      creditCode: '校验码不对：最后一位应为 D',
      deployment: '请从列表中选择',
      employees: '请输入整数',
    });
    const english = shown({ ...valid, email: 'zhang@', companyName: 'x' }, 'en');
    expect(english['email']).toBe('Not a valid email address');
    expect(english['companyName']).toBe('At least 2 characters');
  });

  it('a credit code: one message saying what is wrong, the template’s own when it is short', () => {
    expect(shown({ ...valid, creditCode: '91440300MA5F0ABC1M' }, 'en')).toEqual({ creditCode: 'The check character is wrong: the last should be D' });
    expect(shown({ ...valid, creditCode: '91440300MA5F' }, 'zh')).toEqual({ creditCode: '不是有效的统一社会信用代码（18 位，末位为校验码）' });
    expect(shown({ ...valid, creditCode: '91440300MA5F0ABC1D' }, 'zh')).toEqual({});
  });

  it('lengths and bounds with their limits, in either language', () => {
    expect(shown({ ...valid, companyName: '星' }, 'zh')['companyName']).toBe('至少 2 个字');
    expect(shown({ ...valid, employees: 0 }, 'en')['employees']).toBe('At least 1');
  });

  it('a keyword the catalogue leaves alone keeps ajv’s message, localised by ajv-i18n', () => {
    const schema = { ...software.schema, properties: { ...software.schema.properties, techStack: { type: 'array' as const, items: { type: 'string' as const }, uniqueItems: true } } };
    const { errors } = templateValidator('zh').validateFormData({ ...valid, techStack: ['SAP', 'SAP'] }, schema, undefined, (list) => fieldErrorMessages(list, software, 'zh'));
    expect(errors.map((error) => error.message)).toEqual([expect.stringMatching(/^不应当含有重复项/)]);
  });
});

describe('the server’s problems on their fields', () => {
  it('a 422’s details land on their fields, nested ones too, a missing field worded like the browser’s', () => {
    const { errors, unplaced } = problemsOnFields(
      [
        { path: '/customer/intent', message: '应当有必需属性 intent', code: 'required' },
        { path: '/customer/purchasePlan/budget', message: '应当 >= 0', code: 'minimum' },
      ],
      software,
      'zh',
    );
    expect(errors).toEqual({ intent: { __errors: ['请填写购买意向'] }, purchasePlan: { budget: { __errors: ['不能小于 0'] } } });
    expect(unplaced).toEqual([]);
  });

  it('a deny reason with a path is marked on that field; one without stays for the page', () => {
    const { errors, unplaced } = problemsOnFields(
      [
        { path: '/customer/intent', message: 'A 级客户需填写购买意向' },
        { message: '您持有的客户数已达上限（50）' },
      ],
      software,
      'zh',
    );
    expect(errors).toEqual({ intent: { __errors: ['A 级客户需填写购买意向'] } });
    expect(unplaced).toEqual(['您持有的客户数已达上限（50）']);
  });

  it('nothing to place: no errors at all, so the form does not block', () => {
    expect(problemsOnFields([], software, 'en')).toEqual({ errors: undefined, unplaced: [] });
  });
});
