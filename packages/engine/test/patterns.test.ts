import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { LinearPattern, linearRegExp, MAX_PATTERN_INPUT, patternSyntaxError } from '../src/patterns.js';

describe('LinearPattern', () => {
  it('finds a match anywhere, as RegExp.prototype.test does', () => {
    expect(new LinearPattern('b+').test('abbc')).toBe(true);
    expect(new LinearPattern('^b+$').test('abbc')).toBe(false);
  });

  it('reads RE2 syntax: Unicode scripts and inline flags', () => {
    expect(new LinearPattern('^\\p{Han}{2,4}$').test('张三丰')).toBe(true);
    expect(new LinearPattern('^\\p{Han}{2,4}$').test('Zhang')).toBe(false);
    expect(new LinearPattern('(?i)^abc$').test('ABC')).toBe(true);
    expect(new LinearPattern('^[\\x{4e00}-\\x{9fff}]+$').test('华南')).toBe(true);
  });

  it('matches nothing longer than the cap', () => {
    const pattern = new LinearPattern('^a+$');
    expect(pattern.test('a'.repeat(MAX_PATTERN_INPUT))).toBe(true);
    expect(pattern.test('a'.repeat(MAX_PATTERN_INPUT + 1))).toBe(false);
  });
});

describe('patternSyntaxError', () => {
  it('names what RE2 does not have, and nothing for a pattern it compiles', () => {
    expect(patternSyntaxError('(a)\\1')).toContain('\\1');
    expect(patternSyntaxError('(?=a)')).toContain('(?=');
    expect(patternSyntaxError('(?<!a)b')).toBeDefined();
    expect(patternSyntaxError('^[\\u4e00-\\u9fff]+$')).toContain('\\u');
    expect(patternSyntaxError('^(a|a)+$')).toBeUndefined();
  });
});

describe('linearRegExp as ajv\'s RegExp engine', () => {
  const ajv = new Ajv2020({ allErrors: true, code: { regExp: linearRegExp } });

  it('keeps each pattern of a schema apart', () => {
    const validate = ajv.compile({
      type: 'object',
      properties: { code: { type: 'string', pattern: '^[0-9]{6}$' }, name: { type: 'string', pattern: '^[a-z]+$' } },
      patternProperties: { '^x-': { type: 'integer' } },
    });
    expect(validate({ code: '440305', name: 'abc', 'x-count': 3 })).toBe(true);
    expect(validate({ code: 'abc', name: '440305', 'x-count': 'three' })).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath).sort()).toEqual(['/code', '/name', '/x-count']);
  });

  it('refuses a value past the cap, and a schema whose pattern RE2 cannot compile', () => {
    const validate = ajv.compile({ type: 'string', pattern: '^(a|a)+$' });
    expect(validate('a'.repeat(MAX_PATTERN_INPUT - 1) + '!')).toBe(false);
    expect(validate('a'.repeat(MAX_PATTERN_INPUT))).toBe(true);
    expect(validate('a'.repeat(MAX_PATTERN_INPUT + 1))).toBe(false);
    expect(() => ajv.compile({ type: 'string', pattern: '^(a)\\1$' })).toThrow(/\\1/);
  });
});
