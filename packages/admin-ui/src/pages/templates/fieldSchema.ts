import type { UiSchema } from '@rjsf/utils';
import type { FieldKind, FieldRow } from './templateDraft.js';

/** A JSON Schema node as the editor reads and writes it. */
export type Schema = Record<string, unknown>;

const PHONE_PATTERN = '^[+0-9()\\- ]{6,30}$';

/** The editor's kind of a field, from its schema (and its widget, for long text). */
export function kindOf(schema: Schema, ui: UiSchema | undefined): FieldKind {
  if (schema['type'] === 'object') return 'object';
  if (schema['type'] === 'array') return 'list';
  if (Array.isArray(schema['enum'])) return 'choice';
  if (schema['type'] === 'integer') return 'integer';
  if (schema['type'] === 'number') return 'number';
  if (schema['type'] === 'boolean') return 'boolean';
  if (schema['format'] === 'region-code') return 'region';
  if (schema['format'] === 'credit-code') return 'creditCode';
  if (schema['format'] === 'email') return 'email';
  if (schema['format'] === 'date') return 'date';
  if (schema['pattern'] === PHONE_PATTERN) return 'phone';
  return ui?.['ui:widget'] === 'textarea' ? 'textarea' : 'text';
}

/** The codes a field offers: a choice's `enum`, or a list's items'. */
export function optionsOf(schema: Schema): string[] {
  const items = schema['items'] as Schema | undefined;
  const codes = Array.isArray(schema['enum']) ? schema['enum'] : Array.isArray(items?.['enum']) ? items['enum'] : [];
  return (codes as unknown[]).map(String);
}

/**
 * A field's schema for its kind; the previous schema's other keywords (lengths,
 * messages) stay when the kind is unchanged. A group's `properties` and
 * `required` come from its own rows (`group`).
 */
export function schemaFor(row: FieldRow, previous: Schema | undefined, group?: { properties: Record<string, Schema>; required: string[] }): Schema {
  const kept = previous && kindOf(previous, undefined) === (row.kind === 'textarea' ? 'text' : row.kind) ? previous : {};
  const title = row.labels.en || row.name;
  switch (row.kind) {
    case 'object': {
      const { required: _required, ...rest } = kept;
      return { ...rest, type: 'object', title, properties: group?.properties ?? {}, ...(group && group.required.length > 0 ? { required: group.required } : {}) };
    }
    case 'choice':
      return { ...kept, type: 'string', title, enum: row.options };
    case 'list': {
      // Several values: free text, or picked from the options when there are some.
      const items = (kept['items'] ?? { type: 'string' }) as Schema;
      const { enum: _enum, ...free } = items;
      return { ...kept, type: 'array', title, items: row.options.length > 0 ? { ...free, type: 'string', enum: row.options } : { ...free, type: 'string' }, ...(row.options.length > 0 ? { uniqueItems: true } : {}) };
    }
    case 'integer':
    case 'number':
    case 'boolean':
      return { ...kept, type: row.kind, title };
    case 'date':
      return { ...kept, type: 'string', title, format: 'date' };
    case 'region':
      return { ...kept, type: 'string', title, format: 'region-code' };
    case 'creditCode':
      return { ...kept, type: 'string', title, format: 'credit-code' };
    case 'email':
      return { ...kept, type: 'string', title, format: 'email', maxLength: 120 };
    case 'phone':
      return { ...kept, type: 'string', title, pattern: PHONE_PATTERN };
    default: {
      const { format: _format, enum: _enum, pattern: _pattern, ...text } = kept as Schema;
      return { ...text, type: 'string', title };
    }
  }
}

/** A field's uiSchema entry: its widget for the kind, the rest of what it had kept. */
export function widgetFor(kind: FieldKind, previous: UiSchema | undefined): UiSchema {
  const { 'ui:widget': _widget, ...rest } = previous ?? {};
  // A credit code gets its widget from its format (withFormatWidgets), so it needs no entry here.
  const widget = kind === 'region' ? 'region' : kind === 'textarea' ? 'textarea' : undefined;
  return widget ? { ...rest, 'ui:widget': widget } : rest;
}
