import type { ErrorObject } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import type { Issue } from '../errors.js';
import { jsonPointer } from './jsonPointer.js';

const localizeZh = localizeZhModule as unknown as (errors: ErrorObject[]) => void;

// `if` reports "must match then schema" beside the real errors of the branch it chose.
const NOISE = new Set(['if']);

function detail(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum') return `: ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (error.keyword === 'additionalProperties') return '';
  return '';
}

// JSON types as a Chinese reader knows them: ajv-i18n leaves the type's English name in its sentence.
const TYPE_NAMES_ZH: Readonly<Record<string, string>> = { integer: '整数', number: '数字', string: '文本', boolean: '是或否', object: '对象', array: '列表', null: '空值' };

/** ajv-i18n's Chinese, with the checks it words half in English said wholly in Chinese. */
function chinese(error: ErrorObject, localized: string | undefined): string | undefined {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'type') {
    const types = String(params['type'] ?? '').split(',');
    return `应当是${types.map((type) => TYPE_NAMES_ZH[type] ?? type).join('或')}`;
  }
  if (error.keyword === 'required') return '缺少必填项';
  return localized;
}

function pointerOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return error.instancePath + jsonPointer(String(params['additionalProperty']));
  if (error.keyword === 'required') return error.instancePath + jsonPointer(String(params['missingProperty']));
  return error.instancePath;
}

/**
 * Turns ajv errors into issues with a JSON Pointer and messages in English and
 * Simplified Chinese; `prefix` is prepended to every pointer.
 */
export function schemaIssues(errors: readonly ErrorObject[] | null | undefined, prefix = '', file?: string): Issue[] {
  const relevant = (errors ?? []).filter((e) => !NOISE.has(e.keyword));
  const zh = relevant.map((e) => ({ ...e }));
  localizeZh(zh);
  const seen = new Set<string>();
  const issues: Issue[] = [];
  relevant.forEach((error, i) => {
    const pointer = prefix + pointerOf(error);
    const en = `${error.message ?? 'is invalid'}${detail(error)}`;
    const key = `${pointer}\u0000${en}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push({
      code: `schema-${error.keyword}`,
      pointer,
      message: { en: `${pointer || '/'} ${en}`, zh: `${pointer || '/'} ${chinese(error, zh[i]?.message) ?? en}${detail(error)}` },
      ...(file ? { file } : {}),
    });
  });
  return issues;
}
