import type { FactKind } from '../evaluation/operators/operatorSpec.js';

type Schema = Record<string, unknown>;

const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]/g;

/** Splits a restricted JSONPath (`$.a.b[0]`) into property names and indexes. */
export function pathSegments(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  for (const match of path.slice(1).matchAll(SEGMENT)) {
    segments.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  return segments;
}

function asSchema(value: unknown): Schema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Schema) : undefined;
}

/**
 * The sub-schema a path leads to inside a fact's schema, or undefined when the
 * path leaves what the schema describes.
 */
export function factSchemaAt(schema: Schema, path: string | undefined): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const segment of path ? pathSegments(path) : []) {
    if (!current) return undefined;
    if (typeof segment === 'number') {
      const prefix: unknown = current["prefixItems"];
      current = Array.isArray(prefix) && prefix[segment] ? asSchema(prefix[segment]) : asSchema(current['items']);
    } else {
      const properties = asSchema(current['properties']);
      current = properties && segment in properties ? asSchema(properties[segment]) : asSchema(current['additionalProperties']);
    }
  }
  return current;
}

function kindOfValue(value: unknown): FactKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/**
 * The kinds of value a schema admits, or undefined when the schema does not
 * say (no `type`, `enum` or `const`): such facts are not type-checked.
 */
export function factKinds(schema: Schema): Set<FactKind> | undefined {
  const kinds = new Set<FactKind>();
  const declared = schema['type'];
  const types = Array.isArray(declared) ? declared : declared === undefined ? [] : [declared];
  const isDate = schema['format'] === 'date' || schema['format'] === 'date-time';
  for (const type of types) {
    if (type === 'integer' || type === 'number') kinds.add('number');
    else if (type === 'string') kinds.add(isDate ? 'date' : 'string');
    else kinds.add(type as FactKind);
  }
  if (types.length === 0) {
    const values = Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : 'const' in schema ? [schema['const']] : [];
    for (const value of values) kinds.add(kindOfValue(value));
  }
  return kinds.size > 0 ? kinds : undefined;
}

/** The kind of a literal JSON value; a string counts as a date when the fact is one. */
export function literalKind(value: unknown): FactKind {
  return kindOfValue(value);
}
