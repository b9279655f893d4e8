import type { LocalizedText } from '../errors.js';

type Params = Record<string, string | number>;

const catalog: Record<string, { en: string; zh: string }> = {
  'fact-undeclared': {
    en: 'Fact "{fact}" is used but not declared under "facts".',
    zh: '使用了未在 "facts" 中声明的事实 "{fact}"。',
  },
  'fact-required-by-policy': {
    en: 'The {policy} policy computes its outcome from fact "{fact}"; declare it under "facts".',
    zh: '{policy} 策略依据事实 "{fact}" 计算结果；请在 "facts" 中声明它。',
  },
  'path-unknown': {
    en: 'Path "{path}" does not exist in the schema of fact "{fact}".',
    zh: '事实 "{fact}" 的结构中不存在路径 "{path}"。',
  },
  'operator-type-mismatch': {
    en: 'Operator "{operator}" does not fit {subject} of type {kinds}; it needs {accepts}.',
    zh: '运算符 "{operator}" 不适用于类型为 {kinds} 的 {subject}；需要 {accepts}。',
  },
  'value-type-mismatch': {
    en: 'Value {value} does not fit {subject} of type {kinds}.',
    zh: '值 {value} 与类型为 {kinds} 的 {subject} 不符。',
  },
  'rule-name-duplicate': {
    en: 'Rule name "{name}" is used more than once; rule names must be unique.',
    zh: '规则名称 "{name}" 重复；规则名称必须唯一。',
  },
  'event-unknown': {
    en: 'Outcome type "{type}" is not one the {policy} policy understands ({known}).',
    zh: '结果类型 "{type}" 不是 {policy} 策略可识别的类型（{known}）。',
  },
  'event-param-invalid': {
    en: 'Outcome parameter {detail}',
    zh: '结果参数 {detail}',
  },
  'event-param-missing': {
    en: 'Outcome "{type}" needs the parameter "{param}".',
    zh: '结果 "{type}" 缺少参数 "{param}"。',
  },
  'regex-invalid': {
    en: 'Regular expression "{pattern}" is not RE2 syntax ({reason}). Patterns run on RE2, which has no backreferences and no lookaround; write \\x{4e00} rather than \\u4e00.',
    zh: '正则表达式 "{pattern}" 不符合 RE2 语法（{reason}）。模式由 RE2 执行，不支持反向引用和前后断言；\\u4e00 请写作 \\x{4e00}。',
  },
  'fact-schema-invalid': {
    en: 'The schema of fact "{fact}" is not a valid JSON Schema: {reason}',
    zh: '事实 "{fact}" 的结构不是有效的 JSON Schema：{reason}',
  },
  'test-rule-unknown': {
    en: 'Test "{test}" expects rule "{name}" to fire, but no rule has that name.',
    zh: '测试 "{test}" 期望规则 "{name}" 命中，但不存在该名称的规则。',
  },
  'test-name-duplicate': {
    en: 'Test name "{name}" is used more than once.',
    zh: '测试名称 "{name}" 重复。',
  },
  'json-invalid': {
    en: 'The file is not valid JSON: {reason}',
    zh: '文件不是有效的 JSON：{reason}',
  },
  'file-unreadable': {
    en: 'The file cannot be read: {reason}',
    zh: '无法读取文件：{reason}',
  },
  'fact-missing': {
    en: 'Fact "{fact}" is required but was not supplied.',
    zh: '缺少必需的事实 "{fact}"。',
  },
  'fact-invalid': {
    en: 'Fact "{fact}" {detail}',
    zh: '事实 "{fact}" {detail}',
  },
};

/** The message for an issue code, in both languages, with `{name}` placeholders filled in. */
export function localized(code: string, params: Params = {}): LocalizedText {
  const entry = catalog[code] ?? { en: code, zh: code };
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
  return { en: fill(entry.en), zh: fill(entry.zh) };
}
