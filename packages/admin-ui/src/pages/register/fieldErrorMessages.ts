import type { FormValidation, RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import { isValidCreditCode as creditCodeValid } from '@crm-policy/engine/identifiers';
import { creditCodeProblem } from '../../components/creditCodeProblem.js';
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
 * A credit code's format error is left to {@link creditCodeErrors}, which
 * sees the code and can say what is wrong with it.
 */
export function fieldErrorMessages(errors: RJSFValidationError[], template: Template, language: Language): RJSFValidationError[] {
  const isCreditCode = (error: RJSFValidationError) => error.name === 'format' && error.params?.['format'] === 'credit-code';
  return errors.filter((error) => !isCreditCode(error)).map((error) => {
    const field = (error.property ?? '').replace(/^\./, '');
    const message = checkMessage({ field, keyword: error.name ?? '', params: error.params as Record<string, unknown> }, template, language) ?? error.message ?? '';
    return { ...error, message, stack: `${fieldLabel(template, field, language)}: ${message}` };
  });
}

/**
 * rjsf's `customValidate` for the credit codes: a code that is not valid gets
 * one error saying what is wrong (the check character, naming the right one;
 * a character codes never use; the length), the same words the field says as
 * it is typed; a code short of 18 gets the template's own message.
 */
export function creditCodeErrors(formData: Record<string, unknown> | undefined, errors: FormValidation, template: Template, language: Language): FormValidation {
  for (const [field, schema] of Object.entries(template.schema.properties ?? {})) {
    const value = formData?.[field];
    if (typeof schema !== 'object' || schema.format !== 'credit-code' || typeof value !== 'string' || value === '') continue;
    if (creditCodeValid(value)) continue;
    const found = creditCodeProblem(value);
    const message = found ? format(language, found.key, found.values) : (checkMessage({ field, keyword: 'format' }, template, language) ?? '');
    (errors as unknown as Record<string, { addError(message: string): void } | undefined>)[field]?.addError(message);
  }
  return errors;
}
