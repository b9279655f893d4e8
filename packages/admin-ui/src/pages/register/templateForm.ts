import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Language } from '../../i18n/messages.js';

/** Texts per language, by field path (`companyName`, `purchasePlan.timeframe`). */
type PerLanguage<T> = Partial<Record<Language, Record<string, T>>>;

/** An industry's registration template as the API answers it. */
export interface Template {
  industry: string;
  /** The industry's name in each language. */
  title: Partial<Record<Language, string>>;
  version: number;
  schema: RJSFSchema;
  uiSchema?: UiSchema;
  /** Field labels. */
  labels?: PerLanguage<string>;
  /** Display names of a field's choices: code → name. Without them a choice shows its code. */
  choices?: PerLanguage<Record<string, string>>;
  /** Help below a field; when the template has any, the schema's (untranslated) descriptions are not shown. */
  help?: PerLanguage<string>;
  placeholders?: PerLanguage<string>;
}

/** A field's schema by its dotted path, or undefined. */
export function fieldSchema(schema: RJSFSchema, field: string): RJSFSchema | undefined {
  let node: RJSFSchema | undefined = schema;
  for (const name of field.split('.')) {
    const child: unknown = node?.properties?.[name];
    node = typeof child === 'object' && child !== null ? (child as RJSFSchema) : undefined;
  }
  return node;
}

/** A field's label in a language: the template's, else the schema's title, else its name. */
export function fieldLabel(template: Template, field: string, language: Language): string {
  return template.labels?.[language]?.[field] ?? (fieldSchema(template.schema, field)?.title as string | undefined) ?? field;
}

/**
 * The template's schema for the UI's language: fields titled with the
 * template's labels (labels like `purchasePlan.product` reach nested fields),
 * help from the template's `help` in place of the schema's descriptions, and
 * no title of its own (the page names the industry).
 */
export function localizedSchema(template: Template, language: Language): RJSFSchema {
  const labels = template.labels?.[language] ?? {};
  const help = template.help?.[language] ?? {};
  const walk = (schema: RJSFSchema, prefix: string): RJSFSchema => {
    if (!schema.properties) return schema;
    const properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, child]) => {
        const key = prefix ? `${prefix}.${name}` : name;
        if (typeof child !== 'object') return [name, child];
        const { description, ...rest } = walk(child as RJSFSchema, key);
        const shown = help[key] ?? (template.help ? undefined : description);
        return [name, { ...rest, ...(labels[key] ? { title: labels[key] } : {}), ...(shown ? { description: shown } : {}) }];
      }),
    );
    return { ...schema, properties };
  };
  const { title: _title, description: _description, ...schema } = walk(template.schema, '');
  return schema;
}

/** The uiSchema node of a dotted field path, created as needed. */
function nodeAt(ui: UiSchema, field: string): UiSchema {
  let node = ui;
  for (const name of field.split('.')) node = (node[name] = { ...(node[name] as UiSchema | undefined) }) as UiSchema;
  return node;
}

/**
 * The template's uiSchema for the UI's language: choices named (`ui:enumNames`
 * as a code → name record, on a list's `items` for a list of choices),
 * placeholders, and the credit code's own widget unless the template chose one.
 */
export function localizedUiSchema(template: Template, language: Language): UiSchema {
  const ui = withFormatWidgets(template.schema, template.uiSchema);
  for (const [field, names] of Object.entries(template.choices?.[language] ?? {})) {
    const isList = fieldSchema(template.schema, field)?.type === 'array';
    const node = nodeAt(ui, isList ? `${field}.items` : field);
    node['ui:enumNames'] = names;
  }
  for (const [field, placeholder] of Object.entries(template.placeholders?.[language] ?? {})) nodeAt(ui, field)['ui:placeholder'] = placeholder;
  return ui;
}

/** Fields whose format has a widget of its own get it, unless the template chose one. */
export function withFormatWidgets(schema: RJSFSchema, uiSchema: UiSchema | undefined): UiSchema {
  const shown: UiSchema = { ...uiSchema };
  for (const [field, child] of Object.entries(schema.properties ?? {})) {
    if (typeof child !== 'object' || child.format !== 'credit-code') continue;
    const current = (shown[field] as UiSchema | undefined) ?? {};
    if (!current['ui:widget']) shown[field] = { ...current, 'ui:widget': 'creditCode' };
  }
  return shown;
}
