import type { RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';
import { format } from '../../i18n/messages.js';
import type { Template } from './templateForm.js';
import { fieldLabel, fieldSchema } from './templateForm.js';

/** What a failed check says about one field: its JSON Schema keyword, and ajv's params when known. */
export interface FieldCheck {
  /** The field's dotted path (`purchasePlan.budget`). */
  field: string;
  keyword: string;
  params?: Record<string, unknown>;
}

/** Whether a field is picked rather than typed: a choice, a list of choices, or a region. */
function isChoice(schema: RJSFSchema | undefined): boolean {
  const items = schema?.items;
  return Boolean(schema?.enum ?? schema?.oneOf ?? (typeof items === 'object' && !Array.isArray(items) && items.enum)) || schema?.format === 'region-code';
}

/**
 * A failed check in the UI's language, with the template's label: the words
 * for a missing field, a wrong format, pattern, choice or type come from our
 * catalogue (ajv's own name the field's code, the pattern, or the format's id);
 * a template's `errorMessage` for the field wins for formats and patterns.
 * Lengths, bounds and counts are worded from the catalogue too (ajv's English
 * reads "must NOT have fewer than 2 characters"). Undefined for the rarer
 * keywords, which keep ajv's message as ajv-i18n localised it.
 */
export function checkMessage(check: FieldCheck, template: Template, language: Language): string | undefined {
  const schema = fieldSchema(template.schema, check.field);
  const label = fieldLabel(template, check.field, language);
  const custom = (schema?.['errorMessage'] as Partial<Record<Language, string>> | undefined)?.[language];
  switch (check.keyword) {
    case 'required':
      return format(language, isChoice(schema) ? 'form.requiredChoice' : 'form.required', { label });
    case 'format':
      return custom ?? (schema?.format === 'email' ? format(language, 'form.email') : format(language, 'form.format', { label }));
    case 'pattern':
      return custom ?? format(language, 'form.format', { label });
    case 'enum':
    case 'const':
    case 'oneOf':
    case 'anyOf':
      return format(language, 'form.enum');
    case 'type':
      return schema?.type === 'integer' ? format(language, 'form.integer') : schema?.type === 'number' ? format(language, 'form.number') : undefined;
    case 'additionalProperties':
      return format(language, 'form.unknownField');
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'maxItems': {
      // ajv's params name the limit; a server problem does not, and the field's schema does.
      const limit = check.params?.['limit'] ?? schema?.[check.keyword];
      return limit === undefined ? undefined : format(language, `form.${check.keyword}`, { limit: String(limit) });
    }
    default:
      return undefined;
  }
}

/**
 * The browser's validation errors (rjsf's `transformErrors`) worded for
 * people: each in the UI's language, with the template's label, never ajv's
 * raw text. A required field's error is on that field (rjsf puts it there).
 */
export function fieldErrorMessages(errors: RJSFValidationError[], template: Template, language: Language): RJSFValidationError[] {
  return errors.map((error) => {
    const field = (error.property ?? '').replace(/^\./, '');
    const message = checkMessage({ field, keyword: error.name ?? '', params: error.params as Record<string, unknown> }, template, language) ?? error.message ?? '';
    return { ...error, message, stack: `${fieldLabel(template, field, language)}: ${message}` };
  });
}
