import type { RJSFSchema } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inLanguage(node: Node, keyword: string, language: Language): string | undefined {
  const labels = node[keyword];
  const label = isNode(labels) ? labels[language] : undefined;
  return typeof label === 'string' && label !== '' ? label : undefined;
}

/**
 * The rule-file schema as the page's language reads it: every `title` and
 * `description` replaced by its `x-title` / `x-description` in that language
 * where the schema gives one. Only annotations change, so what validates does not.
 */
export function localizedSchema<S extends RJSFSchema | Node>(schema: S, language: Language): S {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isNode(value)) return value;
    const next: Node = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, key.startsWith('x-') || key === 'enum' || key === 'const' || key === 'default' ? child : walk(child)]));
    const title = inLanguage(value, 'x-title', language);
    const description = inLanguage(value, 'x-description', language);
    if (title) next['title'] = title;
    if (description) next['description'] = description;
    return next;
  };
  return walk(schema) as S;
}

/** An enum's display names in the page's language (`x-choices`), for a form's `ui:enumNames`. */
export function choiceNames(schema: Node | undefined, language: Language): Record<string, string> | undefined {
  const choices = schema?.['x-choices'];
  const named = isNode(choices) ? choices[language] : undefined;
  return isNode(named) ? (named as Record<string, string>) : undefined;
}
