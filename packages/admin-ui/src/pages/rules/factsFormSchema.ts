import type { RJSFSchema } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';
import { choiceNames, localizedSchema } from './localizedSchema.js';

type Node = Record<string, unknown>;

const CJK = /[\u4e00-\u9fff]/;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each enum the schema names (`x-choices`) as a `oneOf` of its values with their names, so a form offers names and stores codes. */
function namedChoices(value: unknown, language: Language): unknown {
  if (Array.isArray(value)) return value.map((item) => namedChoices(item, language));
  if (!isNode(value)) return value;
  const next: Node = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, key.startsWith('x-') || key === 'enum' || key === 'const' || key === 'default' ? child : namedChoices(child, language)]));
  // A description with no version in the page's language (no `x-description`) is shown only when it is written in that language.
  const description = next['description'];
  if (typeof description === 'string' && !isNode(value['x-description']) && CJK.test(description) !== (language === 'zh')) delete next['description'];
  const names = choiceNames(value, language);
  const values = value['enum'];
  if (names && Array.isArray(values)) {
    delete next['enum'];
    next['oneOf'] = values.map((code) => ({ const: code, title: typeof code === 'string' && names[code] ? names[code] : String(code) }));
    // A form reads a bare `enum` as text; a bare `oneOf` it would offer as alternative schemas, not as a choice.
    if (next['type'] === undefined && values.every((code) => typeof code === 'string')) next['type'] = 'string';
  }
  return next;
}

/**
 * A policy's fact declarations as a form in the page's language: the facts as
 * the properties of one object, titles and descriptions from `x-title` /
 * `x-description` (a description in the other language is left out), choices
 * by their names. What validates does not change.
 */
export function factsFormSchema(facts: RuleFileFacts, language: Language, title?: string): RJSFSchema {
  const properties = namedChoices(localizedSchema(facts as Node, language), language) as Record<string, RJSFSchema>;
  return { type: 'object', ...(title ? { title } : {}), properties };
}

type RuleFileFacts = Record<string, unknown>;
