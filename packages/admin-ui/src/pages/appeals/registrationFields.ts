import type { RJSFSchema } from '@rjsf/utils';
import type { Division } from '../../components/useDivisions.js';
import { regionName } from '../../components/regionName.js';
import type { Language } from '../../i18n/messages.js';
import type { Template } from '../register/templateForm.js';

/** One line of a registration as a person reads it: the template's label and the value in words. */
export interface FieldLine {
  key: string;
  label: string;
  value: string;
}

interface Context {
  language: Language;
  divisions: readonly Division[] | undefined;
  /** What an empty field, yes and no read as. */
  words: { notGiven: string; yes: string; no: string };
}

function valueInWords(value: unknown, schema: RJSFSchema | undefined, path: string, template: Template | undefined, context: Context): string {
  if (value === undefined || value === null || value === '') return context.words.notGiven;
  if (schema?.format === 'region-code' || path === 'region') return regionName(context.divisions, String(value), context.language) ?? context.words.notGiven;
  if (typeof value === 'boolean') return value ? context.words.yes : context.words.no;
  const zh = context.language === 'zh';
  // Display names of a field's choices, as templates carry them: choices[language][field][code].
  const names = template?.choices?.[context.language]?.[path];
  if (Array.isArray(value)) return value.length === 0 ? context.words.notGiven : value.map((item) => names?.[String(item)] ?? String(item)).join(zh ? '、' : ', ');
  if (names?.[String(value)]) return names[String(value)]!;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined && inner !== null && inner !== '')
      .map(([key, inner]) => {
        const child = schema?.properties?.[key] as RJSFSchema | undefined;
        return `${labelOf(`${path}.${key}`, child, template, context.language)}${zh ? '：' : ': '}${valueInWords(inner, child, `${path}.${key}`, template, context)}`;
      });
    return parts.length === 0 ? context.words.notGiven : parts.join(zh ? '；' : '; ');
  }
  // A choice the schema itself names (oneOf/anyOf of { const, title }) reads as that name.
  const choice = [...(schema?.oneOf ?? []), ...(schema?.anyOf ?? [])].find((option) => typeof option === 'object' && option.const === value);
  if (choice && typeof choice === 'object' && typeof choice.title === 'string') return choice.title;
  return String(value);
}

function labelOf(path: string, schema: RJSFSchema | undefined, template: Template | undefined, language: Language): string {
  return template?.labels?.[language]?.[path] ?? (typeof schema?.title === 'string' ? schema.title : path);
}

/**
 * A registration's fields in the template's order with the template's labels
 * in the page's language, and values in words: region names (never codes),
 * nested objects such as a purchase plan as "label：value" pairs, lists joined.
 * Fields the template does not know come last, under their own names.
 */
export function registrationFields(fields: Record<string, unknown>, template: Template | undefined, context: Context): FieldLine[] {
  const properties = (template?.schema.properties ?? {}) as Record<string, RJSFSchema>;
  const order = (template?.uiSchema?.['ui:order'] as string[] | undefined)?.filter((key) => key !== '*') ?? [];
  const keys = [...new Set([...order, ...Object.keys(properties), ...Object.keys(fields)])].filter((key) => key in properties || key in fields);
  return keys.map((key) => ({ key, label: labelOf(key, properties[key], template, context.language), value: valueInWords(fields[key], properties[key], key, template, context) }));
}
