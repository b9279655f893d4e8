/** One row of the settings page's field mapping: a registration form field and the collection field holding it. */
export interface FieldMapRow {
  formField?: string;
  collectionField?: string;
}

/** What the settings page's form holds. The API key is write-only: the page starts it empty and never receives the saved one. */
export interface SettingsFormValues {
  mode: 'server' | 'in-process';
  serverUrl: string;
  apiKey: string;
  timeoutMs: number;
  collection: string;
  industry: string;
  fieldMap: FieldMapRow[];
  userField: string;
  protectedUntilField: string;
  rulesDir: string;
}

/** The `crmPolicySettings` fields the page edits: every field of the server plugin's settings collection. */
export const SETTINGS_FORM_FIELDS = ['mode', 'serverUrl', 'apiKey', 'timeoutMs', 'collection', 'industry', 'fieldMap', 'userField', 'protectedUntilField', 'rulesDir'] as const;

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** The form's starting values from the saved row (`crmPolicySettings:list`, which never carries the API key), with the server plugin's defaults. */
export function formValuesOf(row: Record<string, unknown> | null | undefined): SettingsFormValues {
  const map = row?.['fieldMap'];
  const timeout = row?.['timeoutMs'];
  return {
    mode: row?.['mode'] === 'in-process' ? 'in-process' : 'server',
    serverUrl: text(row?.['serverUrl']),
    apiKey: '',
    timeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : 5000,
    collection: text(row?.['collection']),
    industry: text(row?.['industry']),
    fieldMap: map && typeof map === 'object' && !Array.isArray(map) ? Object.entries(map as Record<string, unknown>).map(([formField, collectionField]) => ({ formField, collectionField: text(collectionField) })) : [],
    userField: text(row?.['userField'], 'username') || 'username',
    protectedUntilField: text(row?.['protectedUntilField']),
    rulesDir: text(row?.['rulesDir']),
  };
}

/**
 * What the page saves (`crmPolicySettings:create` or `:update`): text trimmed,
 * the mapping rows as the `{ formField: collectionField }` object the server
 * plugin reads (half-filled rows left out), and the API key only when one was
 * typed, so saving without it keeps the saved key.
 */
export function savePayloadOf(values: Partial<SettingsFormValues>): Record<string, unknown> {
  const trim = (value: unknown) => text(value).trim();
  const rows = Array.isArray(values.fieldMap) ? values.fieldMap : [];
  const fieldMap = Object.fromEntries(rows.filter((row) => trim(row?.formField) && trim(row?.collectionField)).map((row) => [trim(row.formField), trim(row.collectionField)]));
  const timeout = Number(values.timeoutMs);
  const payload: Record<string, unknown> = {
    mode: values.mode === 'in-process' ? 'in-process' : 'server',
    serverUrl: trim(values.serverUrl),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.round(timeout) : 5000,
    collection: trim(values.collection),
    industry: trim(values.industry),
    fieldMap,
    userField: trim(values.userField) || 'username',
    protectedUntilField: trim(values.protectedUntilField),
    rulesDir: trim(values.rulesDir),
  };
  const apiKey = trim(values.apiKey);
  if (apiKey) payload['apiKey'] = apiKey;
  return payload;
}
