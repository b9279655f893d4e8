import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';
import type { Schema } from './fieldSchema.js';
import { kindOf, optionsOf, schemaFor, widgetFor } from './fieldSchema.js';

/** A template as the admin edits it: what the API takes (`PUT /api/templates/:industry`). */
export interface TemplateDraft {
  title: Record<Language, string>;
  schema: RJSFSchema;
  uiSchema: UiSchema;
  labels: Record<Language, Record<string, string>>;
  /** Display names of choices per language: field path → code → name (see docs/templates.md). */
  choices?: Partial<Record<Language, Record<string, Record<string, string>>>>;
  /** Kept as they are: help and placeholders per language. */
  help?: Partial<Record<Language, Record<string, string>>>;
  placeholders?: Partial<Record<Language, Record<string, string>>>;
}

/** The kinds of field the editor offers; each is a JSON Schema shape (and a widget). A group (`object`) holds fields of its own. */
export const FIELD_KINDS = ['text', 'textarea', 'integer', 'number', 'choice', 'list', 'date', 'boolean', 'region', 'creditCode', 'email', 'phone', 'object'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** One field of a template, as a row of the editor; a group's fields are its `children`. */
export interface FieldRow {
  name: string;
  kind: FieldKind;
  required: boolean;
  labels: Record<Language, string>;
  /** A choice's options (codes, stored and read by rules); a list's, when it offers a fixed set. */
  options: string[];
  /** Each option's display name per language: code → name. */
  optionNames: Record<Language, Record<string, string>>;
  /** Fields every template must have and require: they cannot be removed or made optional. */
  locked: boolean;
  /** A group's own fields. */
  children?: FieldRow[];
  /** Added in this editing session and not yet named by hand: its name follows its English label. */
  fresh?: boolean;
}

/** What duplicate detection and eligibility read: every template has these, required. */
export const LOCKED_FIELDS = ['companyName', 'region', 'contactName', 'phone', 'grade'];

/** The fields of one object schema in the order the form shows them (`ui:order`, then any the order leaves out). */
function rowsOf(object: Schema, ui: UiSchema | undefined, draft: TemplateDraft, prefix: string): FieldRow[] {
  const properties = (object['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((object['required'] as string[] | undefined) ?? []);
  const order = ((ui?.['ui:order'] as string[] | undefined) ?? []).filter((name) => name in properties);
  const names = [...order, ...Object.keys(properties).filter((name) => !order.includes(name))];
  return names.map((name) => {
    const schema = properties[name]!;
    const path = `${prefix}${name}`;
    const kind = kindOf(schema, ui?.[name] as UiSchema | undefined);
    return {
      name,
      kind,
      required: required.has(name),
      labels: { zh: draft.labels.zh?.[path] ?? '', en: draft.labels.en?.[path] ?? (typeof schema['title'] === 'string' ? schema['title'] : '') },
      options: optionsOf(schema),
      optionNames: { zh: { ...draft.choices?.zh?.[path] }, en: { ...draft.choices?.en?.[path] } },
      locked: prefix === '' && LOCKED_FIELDS.includes(name),
      ...(kind === 'object' ? { children: rowsOf(schema, ui?.[name] as UiSchema | undefined, draft, `${path}.`) } : {}),
    };
  });
}

/** The template's fields, a group's with their own fields, in form order. */
export function fieldRows(draft: TemplateDraft): FieldRow[] {
  return rowsOf(draft.schema as Schema, draft.uiSchema, draft, '');
}

interface Built {
  properties: Record<string, Schema>;
  required: string[];
  ui: UiSchema;
}

/** One level of rows back into schema, uiSchema, labels and choices (written into `labels` and `choices`). */
function build(rows: readonly FieldRow[], previous: Schema, previousUi: UiSchema | undefined, prefix: string, labels: TemplateDraft['labels'], choices: Record<Language, Record<string, Record<string, string>>>): Built {
  const before = (previous['properties'] ?? {}) as Record<string, Schema>;
  const properties: Record<string, Schema> = {};
  const ui: UiSchema = {};
  for (const [key, value] of Object.entries(previousUi ?? {})) if (key.startsWith('ui:')) ui[key] = value;
  for (const row of rows) {
    const path = `${prefix}${row.name}`;
    const rowUi = widgetFor(row.kind, previousUi?.[row.name] as UiSchema | undefined);
    let group: Built | undefined;
    if (row.kind === 'object') {
      group = build(row.children ?? [], before[row.name] ?? {}, rowUi, `${path}.`, labels, choices);
      Object.assign(rowUi, group.ui);
    }
    properties[row.name] = schemaFor(row, before[row.name], group);
    if (Object.keys(rowUi).length > 0) ui[row.name] = rowUi;
    for (const language of ['zh', 'en'] as const) {
      if (row.labels[language]) labels[language][path] = row.labels[language];
      // Only the names of codes the field offers: the server refuses a name for a code it does not.
      const names = Object.fromEntries(row.options.filter((code) => row.optionNames[language][code]).map((code) => [code, row.optionNames[language][code]!]));
      if (Object.keys(names).length > 0) choices[language][path] = names;
    }
  }
  if (prefix === '' || 'ui:order' in ui) ui['ui:order'] = rows.map((row) => row.name);
  return { properties, required: rows.filter((row) => row.required).map((row) => row.name), ui };
}

/** The template with its fields replaced by these rows, in this order: schema, required lists, order, widgets, both languages' labels and choice names. */
export function withRows(draft: TemplateDraft, rows: readonly FieldRow[]): TemplateDraft {
  const labels: TemplateDraft['labels'] = { zh: {}, en: {} };
  const choices: Record<Language, Record<string, Record<string, string>>> = { zh: {}, en: {} };
  const built = build(rows, draft.schema as Schema, draft.uiSchema, '', labels, choices);
  const { choices: _choices, ...rest } = draft;
  const named = Object.keys(choices.zh).length + Object.keys(choices.en).length > 0;
  return { ...rest, schema: { ...draft.schema, properties: built.properties, required: built.required } as RJSFSchema, uiSchema: built.ui, labels, ...(named || draft.choices ? { choices } : {}) };
}

/** Moves a row up (-1) or down (+1); the ends stay put. */
export function moveRow(rows: readonly FieldRow[], index: number, by: -1 | 1): FieldRow[] {
  const target = index + by;
  if (target < 0 || target >= rows.length) return [...rows];
  const next = [...rows];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** A field name proposed from an English label: `Fleet size` → `fleetSize` (empty when the label gives none). */
export function nameFromLabel(label: string): string {
  const words = label.normalize('NFKD').replace(/[^A-Za-z0-9 ]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  const name = words.map((word, index) => (index === 0 ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1).toLowerCase())).join('');
  return /^[A-Za-z]/.test(name) ? name.slice(0, 64) : '';
}
