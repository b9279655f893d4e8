import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isValidCreditCode, regionPrefix } from '@crm-policy/engine/identifiers';
import type { Language } from '../../i18n/messages.js';
import { deferredRegExp } from './deferredRegExp.js';

/** An industry's registration template as the API answers it. */
export interface Template {
  industry: string;
  /** The industry's name in each language. */
  title: Partial<Record<Language, string>>;
  version: number;
  schema: RJSFSchema;
  uiSchema?: UiSchema;
  labels?: Partial<Record<Language, Record<string, string>>>;
}

/** The template's schema with its fields titled in the UI's language (labels like `purchasePlan.product` reach nested fields). */
export function localizedSchema(template: Template, language: Language): RJSFSchema {
  const labels = template.labels?.[language] ?? {};
  const walk = (schema: RJSFSchema, prefix: string): RJSFSchema => {
    if (!schema.properties) return schema;
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, child]) => {
        const key = prefix ? `${prefix}.${name}` : name;
        const localized = typeof child === 'object' ? walk(child as RJSFSchema, key) : child;
        return [name, labels[key] && typeof localized === 'object' ? { ...localized, title: labels[key] } : localized];
      }),
    );
    return { ...schema, properties };
  };
  return walk(template.schema, '');
}

/** Field problems from the API (JSON Pointers under /customer) as the form's errors per field. */
export function fieldErrors(details: Array<{ path: string; message: string }>): ErrorSchema {
  const errors: Record<string, unknown> = {};
  for (const { path, message } of details) {
    const parts = path.replace(/^\/customer\/?/, '').split('/').filter(Boolean);
    let node = errors as Record<string, unknown>;
    for (const part of parts) node = (node[part] ??= {}) as Record<string, unknown>;
    ((node['__errors'] ??= []) as string[]).push(message);
  }
  return errors as ErrorSchema;
}

/**
 * Validates as the server does: JSON Schema 2020-12, the credit code with its
 * check character, district codes by shape, patterns on RE2 (once
 * `loadDeferredRegExp` has loaded it).
 */
export const templateValidator = customizeValidator({
  AjvClass: Ajv2020,
  customFormats: { 'region-code': (code: string) => code.length === 6 && regionPrefix(code) !== undefined, 'credit-code': isValidCreditCode, phone: /^[+\d][\d\s()-]{5,}$/ },
  ajvOptionsOverrides: { strict: false, code: { regExp: deferredRegExp } },
});

/** Fields whose format has a widget of its own get it, unless the template chose one. */
export function withFormatWidgets(schema: RJSFSchema, uiSchema: UiSchema | undefined): UiSchema {
  const shown: UiSchema = { ...uiSchema };
  for (const [field, child] of Object.entries(schema.properties ?? {})) {
    if (typeof child !== 'object' || child.format !== 'credit-code') continue;
    const current = (shown[field] as UiSchema | undefined) ?? {};
    if (!current['ui:widget']) shown[field] = { ...current, 'ui:widget': 'creditCode' };
  }
  return shown;
}

/**
 * The antd theme shows a field's `ui:help` in place of its errors: a field the
 * server refused gets the server's message as its help, so the rep reads why.
 */
export function withServerErrors(uiSchema: UiSchema | undefined, errors: ErrorSchema | undefined): UiSchema {
  const shown: UiSchema = { ...uiSchema };
  for (const [field, node] of Object.entries(errors ?? {})) {
    const messages = (node as { __errors?: string[] } | undefined)?.__errors;
    if (messages?.length) shown[field] = { ...(shown[field] as UiSchema | undefined), 'ui:help': messages.join('; ') };
  }
  return shown;
}
