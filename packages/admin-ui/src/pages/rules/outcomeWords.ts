import type { PolicyEvent } from '@crm-policy/engine';
import type { Language } from '../../i18n/messages.js';
import { MESSAGES } from '../../i18n/messages.js';

type Titled = { title?: unknown };

const titleIn = (schema: unknown, language: Language): string | undefined => {
  const title = (schema as Titled | undefined)?.title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as Record<string, unknown>)[language] === 'string') return (title as Record<Language, string>)[language];
  return undefined;
};

/** An outcome type's display name: the catalogue's, else the type itself. */
export function outcomeTypeName(type: string, language: Language): string {
  const key = `lc.outcome.${type}`;
  return key in MESSAGES ? MESSAGES[key as keyof typeof MESSAGES][language] : type;
}

/** An outcome parameter's display name: its schema's title (`{ zh, en }` or text), the catalogue's, else the name. */
export function paramName(param: string, language: Language, schema?: unknown): string {
  const titled = titleIn(schema, language);
  if (titled) return titled;
  const key = `lc.param.${param}`;
  return key in MESSAGES ? MESSAGES[key as keyof typeof MESSAGES][language] : param;
}

/** A parameter's value as a person reads it: a code by its display name where the catalogue has one (`lc.value.<param>.<code>`), `null` and absent as a dash. */
export function valueWords(value: unknown, param?: string, language?: Language): string {
  if (value === null || value === undefined) return '—';
  const key = `lc.value.${param ?? ''}.${String(value)}`;
  if (language && key in MESSAGES) return MESSAGES[key as keyof typeof MESSAGES][language];
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An outcome in words: its type's name, then each parameter by its display name, e.g. "可登记：保护期（天） 45、商机期（天） 90". */
export function outcomeWords(outcome: PolicyEvent | undefined, language: Language, paramSchemas: Record<string, unknown> = {}): string {
  if (!outcome) return '—';
  const params = Object.entries(outcome.params ?? {}).filter(([, value]) => value !== undefined && typeof value !== 'object');
  const head = outcomeTypeName(outcome.type, language);
  if (params.length === 0) return head;
  const separator = language === 'zh' ? '、' : ', ';
  return `${head}${language === 'zh' ? '：' : ': '}${params.map(([name, value]) => `${paramName(name, language, paramSchemas[name])} ${valueWords(value, name, language)}`).join(separator)}`;
}
