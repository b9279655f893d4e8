import type { Language } from '../explanation/describeCondition.js';
import type { PolicyKind } from '../format/ruleFile.js';
import { policies } from '../policies/policyRegistry.js';

type Schema = Record<string, unknown>;

/** A schema's annotation in one language (`x-title`, `x-unit`), if it carries one. */
export function bilingual(schema: Schema | undefined, keyword: string, language: Language): string | undefined {
  const labels = schema?.[keyword] as Partial<Record<Language, unknown>> | undefined;
  const label = labels?.[language];
  return typeof label === 'string' && label !== '' ? label : undefined;
}

function outcome(kind: PolicyKind, type: string): Schema | undefined {
  return policies[kind].events[type];
}

function param(kind: PolicyKind, type: string, name: string): Schema | undefined {
  return (outcome(kind, type)?.['properties'] as Record<string, Schema> | undefined)?.[name];
}

/** An outcome type as people call it: `可报备` / `Eligible`; the type itself when the policy does not name it. */
export function outcomeTitle(kind: PolicyKind, type: string, language: Language): string {
  return bilingual(outcome(kind, type), 'x-title', language) ?? type;
}

/** The unit of an outcome param (`天` / `days`), if it has one. */
export function paramUnit(kind: PolicyKind, type: string, name: string, language: Language): string | undefined {
  return bilingual(param(kind, type, name), 'x-unit', language);
}

/** An outcome param's label with its unit: `保护期（天）` / `Protection (days)`; the name when the policy does not title it. */
export function paramLabel(kind: PolicyKind, type: string, name: string, language: Language): string {
  const title = bilingual(param(kind, type, name), 'x-title', language) ?? name;
  const unit = paramUnit(kind, type, name, language);
  if (!unit) return title;
  return language === 'zh' ? `${title}（${unit}）` : `${title} (${unit})`;
}

/** The display name of one choice of an enum param (`已在你名下` for `already-yours`); the value itself when unnamed. */
export function choiceLabel(kind: PolicyKind, type: string, name: string, value: unknown, language: Language): string {
  const choices = (param(kind, type, name)?.['x-choices'] as Partial<Record<Language, Record<string, unknown>>> | undefined)?.[language];
  const label = choices?.[String(value)];
  return typeof label === 'string' ? label : String(value);
}
