import { customizeValidator } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import { isValidCreditCode, regionPrefix } from '@crm-policy/engine/identifiers';
import type { Language } from '../../i18n/messages.js';
import { deferredRegExp } from './deferredRegExp.js';

const localizeZh = localizeZhModule as unknown as (errors?: ErrorObject[] | null) => void;

function validatorIn(language: Language) {
  return customizeValidator(
    {
      AjvClass: Ajv2020,
      customFormats: { 'region-code': (code: string) => code.length === 6 && regionPrefix(code) !== undefined, 'credit-code': isValidCreditCode, phone: /^[+\d][\d\s()-]{5,}$/ },
      ajvOptionsOverrides: { strict: false, code: { regExp: deferredRegExp } },
    },
    // ajv-i18n words the keywords our catalogue leaves alone (lengths, bounds, counts); `fieldErrorMessages` words the rest with the template's labels.
    language === 'zh' ? localizeZh : undefined,
  );
}

const validators: Partial<Record<Language, ReturnType<typeof validatorIn>>> = {};

/**
 * Validates as the server does: JSON Schema 2020-12, the credit code with its
 * check character, district codes by shape, patterns on RE2 (once
 * `loadDeferredRegExp` has loaded it); ajv's messages in the UI's language.
 */
export function templateValidator(language: Language) {
  return (validators[language] ??= validatorIn(language));
}
