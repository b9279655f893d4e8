import { factSchemaAt, pathSegments } from '../format/factSchemaAt.js';
import type { RuleFile } from '../format/ruleFile.js';
import type { Language } from './describeCondition.js';

type Schema = Record<string, unknown>;

/** A schema's title in one language: its `x-title` for that language, else its `title`. */
export function titleIn(schema: Schema | undefined, language: Language | undefined): string | undefined {
  const localized = language ? (schema?.['x-title'] as Partial<Record<Language, unknown>> | undefined)?.[language] : undefined;
  if (typeof localized === 'string' && localized !== '') return localized;
  return typeof schema?.['title'] === 'string' ? schema['title'] : undefined;
}

/**
 * The name a person knows a fact (or a property inside it) by: the title of the
 * deepest step that has one, in the language asked, e.g. `客户等级` for
 * `customer` `$.grade`; `Customer.grade` when nothing below the fact is titled.
 */
export function fieldName(file: Pick<RuleFile, 'facts'> | undefined, fact: string, path: string | undefined, language?: Language): string {
  const declared = file?.facts[fact] as Schema | undefined;
  const factTitle = titleIn(declared, language) ?? fact;
  if (!path || !declared) return path ? `${factTitle}${path.slice(1)}` : factTitle;
  const segments = pathSegments(path);
  const titled = titleIn(factSchemaAt(declared, path), language);
  return titled ?? `${factTitle}.${segments.join('.')}`;
}

/** The display name of a fact's value when its schema names its choices (`x-choices`), else the value as written. */
export function choiceName(file: Pick<RuleFile, 'facts'> | undefined, fact: string, path: string | undefined, value: unknown, language?: Language): unknown {
  const declared = file?.facts[fact] as Schema | undefined;
  const choices = language && declared ? (factSchemaAt(declared, path)?.['x-choices'] as Partial<Record<Language, Record<string, unknown>>> | undefined)?.[language] : undefined;
  const name = choices?.[String(value)];
  return typeof name === 'string' ? name : value;
}
