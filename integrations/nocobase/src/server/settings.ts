import type { CollectionOptions } from '@nocobase/database';

/** The settings collection's name: one row, edited on the plugin's settings page (or NocoBase's resource API, `crmPolicySettings:update`). */
export const SETTINGS_COLLECTION = 'crmPolicySettings';

/** How decisions are made: through a running crm-policy server, or in this process from rule files. */
export type DecideMode = 'server' | 'in-process';

/** What the admin sets: the server, the collection registration guards, its field mapping and the user mapping. */
export interface CrmPolicySettings {
  mode: DecideMode;
  serverUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** The NocoBase collection whose new records are registrations (empty: none). */
  collection: string;
  /** The crm-policy industry (form template) its records are registered under. */
  industry: string;
  /** Registration form field → the collection's field holding it, e.g. `{ "companyName": "name" }`. */
  fieldMap: Record<string, string>;
  /** The NocoBase user field that holds the user's crm-policy rep username (`username` by default). */
  userField: string;
  /** The collection field the protection end date is written to (optional). */
  protectedUntilField: string;
  /** In-process mode: a folder of published rule files (`<policy>.json`); empty, they are fetched from the server. */
  rulesDir: string;
}

/** The settings collection, declared as data: strings and JSON, one row. */
export const settingsCollection: CollectionOptions = {
  name: SETTINGS_COLLECTION,
  fields: [
    { type: 'string', name: 'mode', defaultValue: 'server' },
    { type: 'string', name: 'serverUrl' },
    // Write-only: NocoBase leaves `hidden` fields out of every answer (`toJSON`), so the settings page never receives the key.
    { type: 'string', name: 'apiKey', hidden: true },
    { type: 'integer', name: 'timeoutMs', defaultValue: 5000 },
    { type: 'string', name: 'collection' },
    { type: 'string', name: 'industry' },
    { type: 'json', name: 'fieldMap', defaultValue: {} },
    { type: 'string', name: 'userField', defaultValue: 'username' },
    { type: 'string', name: 'protectedUntilField' },
    { type: 'string', name: 'rulesDir' },
  ],
};

/** The settings row as plain values with defaults filled in. */
export function settingsOf(row: Record<string, unknown> | null | undefined): CrmPolicySettings {
  const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);
  const map = row?.['fieldMap'];
  return {
    mode: row?.['mode'] === 'in-process' ? 'in-process' : 'server',
    serverUrl: text(row?.['serverUrl']),
    apiKey: text(row?.['apiKey']),
    timeoutMs: typeof row?.['timeoutMs'] === 'number' && row['timeoutMs'] > 0 ? row['timeoutMs'] : 5000,
    collection: text(row?.['collection']),
    industry: text(row?.['industry']),
    fieldMap: map && typeof map === 'object' ? (map as Record<string, string>) : {},
    userField: text(row?.['userField'], 'username') || 'username',
    protectedUntilField: text(row?.['protectedUntilField']),
    rulesDir: text(row?.['rulesDir']),
  };
}
