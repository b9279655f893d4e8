import { readFileSync } from 'node:fs';
import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { choiceNames, localizedSchema } from '../src/pages/rules/localizedSchema.js';
import { ruleSchema } from '../src/pages/rules/ruleForm.js';

// The rule editor's forms are generated from the served rule-file schema: in the page's language, validating as before.
const fileSchema = JSON.parse(readFileSync(new URL('../../../schemas/rule-file.schema.json', import.meta.url), 'utf8')) as RJSFSchema;

describe('the rule-file schema in the page’s language', () => {
  it('titles and describes the header and the rule in Chinese, and leaves what validates alone', () => {
    const zh = localizedSchema(fileSchema, 'zh');
    const header = zh.properties as Record<string, RJSFSchema>;
    expect([header['version']?.title, header['title']?.title, header['hitPolicy']?.title]).toEqual(['版本号', '标题', '命中方式']);
    expect(header['version']?.description).toMatch(/语义化版本号/);
    expect(header['version']?.pattern).toBe((fileSchema.properties as Record<string, RJSFSchema>)['version']?.pattern);
    expect(header['hitPolicy']?.enum).toEqual(['first', 'collect']);
    const rule = ruleSchema(zh).properties as Record<string, RJSFSchema>;
    expect([rule['name']?.title, rule['priority']?.title, rule['description']?.title]).toEqual(['规则名称', '优先级', '说明']);
    expect(JSON.stringify(zh)).not.toMatch(/"title":"(Version|Title|Hit policy|Name|Priority)"/);
  });

  it('is English on an English page, and names the hit policies in each language', () => {
    const en = localizedSchema(fileSchema, 'en');
    expect((en.properties as Record<string, RJSFSchema>)['hitPolicy']?.title).toBe('Hit policy');
    expect(choiceNames(fileSchema.properties?.['hitPolicy'] as Record<string, unknown>, 'zh')).toEqual({ first: '首条命中', collect: '全部命中' });
    expect(choiceNames(fileSchema.properties?.['hitPolicy'] as Record<string, unknown>, 'en')).toEqual({ first: 'First hit', collect: 'Collect all' });
  });
});
