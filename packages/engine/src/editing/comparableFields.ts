import type { FactKind } from '../evaluation/operators/operatorSpec.js';
import { factKinds } from '../format/factSchemaAt.js';
import type { RuleFile } from '../format/ruleFile.js';
import type { Language } from '../explanation/describeCondition.js';
import { titleIn } from '../explanation/fieldNames.js';

type Schema = Record<string, unknown>;

/** One value a comparison can read: a fact, or a property inside an object fact. */
export interface ComparableField {
  fact: string;
  /** The restricted JSONPath inside the fact, absent for the fact itself. */
  path?: string;
  /** The fact's and then the property's titles, e.g. `Customer › Employees`. */
  title: string;
  /** The declared schema of the value. */
  schema: Schema;
  /** The kinds the schema admits; undefined when it does not say. */
  kinds?: ReadonlySet<FactKind>;
  /** Display names of the enum's values in the language asked (`{ C: 'C 级' }`), when the schema names them (`x-choices`). */
  choices?: Readonly<Record<string, string>>;
}

const MAX_DEPTH = 4;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function choicesIn(schema: Schema, language: Language | undefined): Record<string, string> | undefined {
  const named = language ? (schema['x-choices'] as Partial<Record<Language, unknown>> | undefined)?.[language] : undefined;
  return isSchema(named) ? (Object.fromEntries(Object.entries(named).filter(([, name]) => typeof name === 'string')) as Record<string, string>) : undefined;
}

function collect(fact: string, path: string | undefined, title: string, schema: Schema, depth: number, into: ComparableField[], language: Language | undefined): void {
  const kinds = factKinds(schema);
  const properties = schema['properties'];
  // An object with declared properties is compared through them; its own row would only invite a type mismatch.
  if (isSchema(properties) && depth < MAX_DEPTH && Object.keys(properties).length > 0) {
    for (const [name, child] of Object.entries(properties)) {
      if (!isSchema(child)) continue;
      const childTitle = titleIn(child, language) ?? name;
      collect(fact, `${path ?? '$'}.${name}`, `${title} › ${childTitle}`, child, depth + 1, into, language);
    }
    return;
  }
  const choices = choicesIn(schema, language);
  into.push({ fact, ...(path ? { path } : {}), title, schema, ...(kinds ? { kinds } : {}), ...(choices ? { choices } : {}) });
}

/**
 * The values a rule of this file can compare, in declaration order: each
 * scalar fact, and each declared property of an object fact (to four levels).
 * A rule editor offers these as the left-hand side of a comparison; titles
 * and choice names are in the language asked (`x-title`, `x-choices`), else the schema's `title`.
 */
export function comparableFields(file: Pick<RuleFile, 'facts'>, language?: Language): ComparableField[] {
  const fields: ComparableField[] = [];
  for (const [fact, declared] of Object.entries(file.facts)) {
    if (!isSchema(declared)) continue;
    collect(fact, undefined, titleIn(declared, language) ?? fact, declared, 0, fields, language);
  }
  return fields;
}
