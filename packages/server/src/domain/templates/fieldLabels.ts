import type { FieldProblem } from '../../validation/fieldProblem.js';
import type { TemplateDefinition } from './templateDefinition.js';

/** A field name: letters, digits and underscores, starting with a letter (a key in every registration, rule fact and CSV header). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

type Node = Record<string, unknown>;

/** Every field path of a schema, a group's fields after the group (`purchasePlan`, `purchasePlan.product`). */
export function fieldPaths(schema: Node, prefix = ''): string[] {
  const properties = (schema['properties'] ?? {}) as Record<string, Node>;
  // A name that is no identifier is refused on its own (`/schema/properties/<name>`), not once more for its labels.
  return Object.entries(properties).filter(([name]) => FIELD_NAME.test(name)).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return child && typeof child === 'object' && child['type'] === 'object' ? [path, ...fieldPaths(child, path)] : [path];
  });
}

/**
 * The fields (groups' fields too) without a label in one of the languages, each
 * at `/labels/<language>/<field>`: a form must never show a field by its code.
 */
export function missingLabels(definition: Pick<TemplateDefinition, 'schema' | 'labels'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const path of fieldPaths(definition.schema)) {
    for (const language of ['zh', 'en'] as const) {
      if (!definition.labels[language]?.[path]?.trim()) problems.push({ path: `/labels/${language}/${path}`, message: `the field ${path} needs a label in ${language === 'zh' ? 'Chinese' : 'English'}` });
    }
  }
  return problems;
}
