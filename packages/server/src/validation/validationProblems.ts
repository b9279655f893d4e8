import type { ErrorObject } from 'ajv';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import type { Language } from '@crm-policy/engine';
import type { FieldProblem } from './fieldProblem.js';

const localizeZh = localizeZhModule as unknown as (errors: ErrorObject[]) => void;

/** ajv errors as field problems: a JSON Pointer to the field and a message in the caller's language. */
export function validationProblems(errors: ErrorObject[], language: Language): FieldProblem[] {
  const relevant = errors.filter((error) => error.keyword !== 'if');
  const localized = relevant.map((error) => ({ ...error }));
  if (language === 'zh') localizeZh(localized);
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  relevant.forEach((error, i) => {
    const params = error.params as Record<string, unknown>;
    let path = error.instancePath;
    if (error.keyword === 'required') path += `/${String(params['missingProperty'])}`;
    if (error.keyword === 'additionalProperties') path += `/${String(params['additionalProperty'])}`;
    const custom = (error.parentSchema as Record<string, unknown> | undefined)?.['errorMessage'] as Record<string, string> | undefined;
    let message = localized[i]?.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') message = language === 'zh' ? '不允许的字段' : 'is not a known field';
    if (custom?.[language] && error.keyword !== 'required') message = custom[language]!;
    const key = `${path} ${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ path: path || '/', message, code: error.keyword });
  });
  return problems;
}
