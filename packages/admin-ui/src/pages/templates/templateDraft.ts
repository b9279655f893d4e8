import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';

/** A template as the admin edits it: what the API takes (`PUT /api/templates/:industry`). */
export interface TemplateDraft {
  title: Record<Language, string>;
  schema: RJSFSchema;
  uiSchema: UiSchema;
  labels: Record<Language, Record<string, string>>;
  /** Kept as they are: display names of choices, help and placeholders per language (see docs/templates.md). */
  choices?: Partial<Record<Language, Record<string, Record<string, string>>>>;
  help?: Partial<Record<Language, Record<string, string>>>;
  placeholders?: Partial<Record<Language, Record<string, string>>>;
}

/** The kinds of field the editor offers; each is a JSON Schema shape (and a widget). */
export const FIELD_KINDS = ['text', 'textarea', 'integer', 'number', 'choice', 'list', 'date', 'boolean', 'region', 'creditCode', 'email', 'phone'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number] | 'object';

/** One top-level field of a template, as a row of the editor. */
export interface FieldRow {
  name: string;
  kind: FieldKind;
  required: boolean;
  labels: Record<Language, string>;
  /** A choice's options; a list's, when it offers a fixed set. */
  options: string[];
  /** Fields every template must have and require: they cannot be removed or made optional. */
  locked: boolean;
}

/** What duplicate detection and eligibility read: every template has these, required. */
export const LOCKED_FIELDS = ['companyName', 'region', 'contactName', 'phone', 'grade'];

/** A field name: letters, digits and underscores, starting with a letter (it is a key in every registration). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const PHONE_PATTERN = '^[+0-9()\\- ]{6,30}$';

type Schema = Record<string, unknown>;

function kindOf(schema: Schema, ui: UiSchema | undefined): FieldKind {
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

/** The fields in the order the form shows them (`ui:order`, then any the order leaves out). */
export function fieldRows(draft: TemplateDraft): FieldRow[] {
  const properties = (draft.schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(draft.schema.required ?? []);
  const order = ((draft.uiSchema['ui:order'] as string[] | undefined) ?? []).filter((name) => name in properties);
  const names = [...order, ...Object.keys(properties).filter((name) => !order.includes(name))];
  return names.map((name) => {
    const schema = properties[name]!;
    return {
      name,
      kind: kindOf(schema, draft.uiSchema[name] as UiSchema | undefined),
      required: required.has(name),
      labels: { zh: draft.labels.zh?.[name] ?? '', en: draft.labels.en?.[name] ?? (typeof schema['title'] === 'string' ? schema['title'] : '') },
      options: (Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : Array.isArray((schema['items'] as Schema | undefined)?.['enum']) ? ((schema['items'] as Schema)['enum'] as unknown[]) : []).map(String),
      locked: LOCKED_FIELDS.includes(name),
    };
  });
}

/** A field's schema for its kind; the previous schema's other keywords (lengths, messages) stay when the kind is unchanged. */
function schemaFor(row: FieldRow, previous: Schema | undefined): Schema {
  const kept = previous && kindOf(previous, undefined) === (row.kind === 'textarea' ? 'text' : row.kind) ? previous : {};
  const title = row.labels.en || row.name;
  switch (row.kind) {
    case 'object':
      return { ...previous, title };
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

function widgetFor(kind: FieldKind, previous: UiSchema | undefined): UiSchema | undefined {
  const { 'ui:widget': _widget, ...rest } = previous ?? {};
  // A credit code gets its widget from its format (withFormatWidgets), so it needs no entry here.
  const widget = kind === 'region' ? 'region' : kind === 'textarea' ? 'textarea' : undefined;
  const next = widget ? { ...rest, 'ui:widget': widget } : rest;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** The template with its fields replaced by these rows, in this order: schema, required list, order, widgets and both languages' labels. */
export function withRows(draft: TemplateDraft, rows: readonly FieldRow[]): TemplateDraft {
  const previous = (draft.schema.properties ?? {}) as Record<string, Schema>;
  const properties: Record<string, Schema> = {};
  const uiSchema: UiSchema = {};
  for (const [key, value] of Object.entries(draft.uiSchema)) if (key.startsWith('ui:')) uiSchema[key] = value;
  const labels: Record<Language, Record<string, string>> = { zh: {}, en: {} };
  // Labels of nested fields (purchasePlan.product) belong to their object and stay with it.
  for (const language of ['zh', 'en'] as const) {
    for (const [key, label] of Object.entries(draft.labels[language] ?? {})) if (key.includes('.') && rows.some((row) => key.startsWith(`${row.name}.`))) labels[language][key] = label;
  }
  for (const row of rows) {
    properties[row.name] = schemaFor(row, previous[row.name]);
    const ui = widgetFor(row.kind, draft.uiSchema[row.name] as UiSchema | undefined);
    if (ui) uiSchema[row.name] = ui;
    for (const language of ['zh', 'en'] as const) if (row.labels[language]) labels[language][row.name] = row.labels[language];
  }
  uiSchema['ui:order'] = rows.map((row) => row.name);
  const choices = choicesOffered(draft.choices, rows);
  return { ...draft, schema: { ...draft.schema, properties, required: rows.filter((row) => row.required).map((row) => row.name) }, uiSchema, labels, ...(choices ? { choices } : {}) };
}

/**
 * The display names of choices the rows still offer: a removed field's, or a
 * removed option's, go with it (the server refuses a name for a code a field
 * does not offer). Choices of nested fields (`purchasePlan.kind`) stay with their group.
 */
function choicesOffered(choices: TemplateDraft['choices'], rows: readonly FieldRow[]): TemplateDraft['choices'] {
  if (!choices) return undefined;
  const kept: NonNullable<TemplateDraft['choices']> = {};
  for (const [language, fields] of Object.entries(choices) as Array<[Language, Record<string, Record<string, string>>]>) {
    kept[language] = {};
    for (const [field, names] of Object.entries(fields)) {
      const row = rows.find((candidate) => candidate.name === field);
      if (field.includes('.') && rows.some((candidate) => field.startsWith(`${candidate.name}.`))) kept[language][field] = names;
      else if (row) kept[language][field] = Object.fromEntries(Object.entries(names).filter(([code]) => row.options.includes(code)));
    }
  }
  return kept;
}

/** Moves a row up (-1) or down (+1); the ends stay put. */
export function moveRow(rows: readonly FieldRow[], index: number, by: -1 | 1): FieldRow[] {
  const target = index + by;
  if (target < 0 || target >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** What is wrong with the rows before they are sent: names, duplicates, choices without options, labels. */
export function rowProblems(rows: readonly FieldRow[]): Map<number, Array<'name' | 'duplicate' | 'options' | 'label'>> {
  const problems = new Map<number, Array<'name' | 'duplicate' | 'options' | 'label'>>();
  const add = (index: number, problem: 'name' | 'duplicate' | 'options' | 'label') => problems.set(index, [...(problems.get(index) ?? []), problem]);
  rows.forEach((row, index) => {
    if (!FIELD_NAME.test(row.name)) add(index, 'name');
    else if (rows.findIndex((other) => other.name === row.name) !== index) add(index, 'duplicate');
    if (row.kind === 'choice' && row.options.length === 0) add(index, 'options');
    if (!row.labels.zh.trim() || !row.labels.en.trim()) add(index, 'label');
  });
  return problems;
}
