import type { RJSFValidationError, ValidatorType } from '@rjsf/utils';
import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { DATE_OR_DATE_TIME } from '@crm-policy/engine/editing';
import { linearRegExp } from '@crm-policy/engine/patterns';
import type { Language, MessageKey } from '../../i18n/messages.js';
import { format } from '../../i18n/messages.js';

const localizeZh = localizeZhModule as unknown as (errors?: ErrorObject[] | null) => void;

function validatorIn(language: Language): ValidatorType {
  return customizeValidator(
    { AjvClass: Ajv2020, customFormats: { 'date-or-date-time': DATE_OR_DATE_TIME }, ajvOptionsOverrides: { strict: false, code: { regExp: linearRegExp } } },
    // ajv-i18n words what `ruleFormErrors` leaves alone, so no keyword reaches a Chinese page in English.
    language === 'zh' ? localizeZh : undefined,
  );
}

const validators: Partial<Record<Language, ValidatorType>> = {};

/** The rule-file schema's own validator (2020-12, its one format, patterns on RE2 as the engine runs them), its messages in the page's language. */
export function ruleValidatorIn(language: Language): ValidatorType {
  return (validators[language] ??= validatorIn(language));
}

/** The limit a length, bound or count check names. */
const limitOf = (error: RJSFValidationError) => String(error.params?.['limit'] ?? '');

/** A failed check in words for the field it sits on, or undefined to keep ajv's (already localised) message. */
function worded(error: RJSFValidationError, language: Language): string | undefined {
  switch (error.name) {
    case 'required':
      return format(language, 'rules.requiredField');
    case 'type':
      return error.params?.['type'] === 'integer' ? format(language, 'form.integer') : error.params?.['type'] === 'number' ? format(language, 'form.number') : undefined;
    case 'enum':
    case 'const':
    case 'oneOf':
    case 'anyOf':
      return format(language, 'form.enum');
    case 'pattern':
    case 'format':
      return format(language, 'rules.badFormat');
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'maxItems':
      return format(language, `form.${error.name}` as MessageKey, { limit: limitOf(error) });
    case 'exclusiveMinimum':
      return format(language, 'rules.above', { limit: limitOf(error) });
    default:
      return undefined;
  }
}

/**
 * The rule forms' error transform: drops "must match the then schema" (it
 * repeats, one level up, what the branch itself reports on the field) and words
 * the common checks from the catalogue in the page's language, as the
 * registration form does; rarer keywords keep ajv-i18n's wording.
 */
export function ruleFormErrors(language: Language) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.filter((error) => error.name !== 'if' && error.name !== 'allOf').map((error) => {
      const message = worded(error, language);
      return message === undefined ? error : { ...error, message, stack: `${error.property ?? ''} ${message}`.trim() };
    });
}
