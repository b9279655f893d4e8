import { readFileSync } from 'node:fs';
import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import type { RuleFile } from '@crm-policy/engine';
import { localizedSchema } from '../src/pages/rules/localizedSchema.js';
import { problemPlace, withoutPointer } from '../src/pages/rules/problemPlace.js';

// A draft's problems are placed in words (the rule by name, the field by its title), never by a JSON Pointer.
const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8'));
const served = read('schemas/rule-file.schema.json') as RJSFSchema;
const claims = read('rules/claim-eligibility.json') as RuleFile;
const index = claims.rules.findIndex((rule) => rule.name === 'protect-grade-c');

describe('where a draft problem is, in words', () => {
  it('names the rule and the field in Chinese', () => {
    const schema = localizedSchema(served, 'zh');
    expect(problemPlace(`/file/rules/${index}/priority`, claims, schema, 'zh')).toBe('规则 protect-grade-c › 优先级');
    expect(problemPlace('/file/title', claims, schema, 'zh')).toBe('标题');
    expect(problemPlace('/file/tests/0/expect', claims, schema, 'zh')).toBe(`测试 ${claims.tests![0]!.name}`);
    expect(problemPlace('/comment', claims, schema, 'zh')).toBe('改动说明（必填）');
  });

  it('in English on an English page, and keeps a pointer it cannot name', () => {
    const schema = localizedSchema(served, 'en');
    expect(problemPlace(`/file/rules/${index}/priority`, claims, schema, 'en')).toBe('Rule protect-grade-c › Priority');
    expect(problemPlace('/file/hitPolicy', claims, schema, 'en')).toBe('Hit policy');
    expect(problemPlace('/somewhere/else', claims, schema, 'en')).toBe('/somewhere/else');
  });

  it('drops the pointer the engine writes before its message', () => {
    expect(withoutPointer('/rules/0/priority 应当是整数')).toBe('应当是整数');
    expect(withoutPointer('该版本号已存在，请换一个')).toBe('该版本号已存在，请换一个');
  });
});
