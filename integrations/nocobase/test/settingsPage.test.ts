import type { MockServer } from '@nocobase/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formValuesOf, savePayloadOf, SETTINGS_FORM_FIELDS } from '../src/client/settingsForm.js';
import type { SettingsFormValues } from '../src/client/settingsForm.js';
import PluginCrmPolicyServer from '../src/server/index.js';
import { settingsCollection } from '../src/server/settings.js';
import { createNocoBaseApp } from './nocobaseApp.js';

let app: MockServer;
beforeAll(async () => {
  app = await createNocoBaseApp();
});
afterAll(async () => {
  await app?.destroy();
});

const resource = () => app.agent().resource('crmPolicySettings');
const serverSettings = () => (app.pm.get(PluginCrmPolicyServer) as PluginCrmPolicyServer).settings();

/** What an admin types on the settings page: untrimmed text, a half-filled mapping row, the key. */
const typed: SettingsFormValues = {
  mode: 'server',
  serverUrl: ' http://127.0.0.1:3100 ',
  apiKey: 'cp_registrar_key_1',
  timeoutMs: 3000,
  collection: 'customers',
  industry: 'software',
  fieldMap: [{ formField: 'companyName', collectionField: 'name' }, { formField: ' region ', collectionField: 'region' }, { formField: 'phone', collectionField: '' }],
  userField: 'crmRep',
  protectedUntilField: 'protectedUntil',
  rulesDir: '',
};

describe('the settings page saves what the server plugin reads', () => {
  it('edits every field of the settings collection', () => {
    expect([...SETTINGS_FORM_FIELDS].sort()).toEqual(settingsCollection.fields!.map((field) => field.name as string).sort());
  });

  it('saves through the resource API into the settings the plugin decides with', async () => {
    const created = await resource().create({ values: savePayloadOf(typed) });
    expect(created.status).toBe(200);
    expect(await serverSettings()).toEqual({
      mode: 'server',
      serverUrl: 'http://127.0.0.1:3100',
      apiKey: 'cp_registrar_key_1',
      timeoutMs: 3000,
      collection: 'customers',
      industry: 'software',
      fieldMap: { companyName: 'name', region: 'region' },
      userField: 'crmRep',
      protectedUntilField: 'protectedUntil',
      rulesDir: '',
    });
  });

  it('never sends the key back, and reopens with what was saved', async () => {
    const listed = await resource().list({ pageSize: 1 });
    const row = listed.body.data[0] as Record<string, unknown>;
    expect(row).not.toHaveProperty('apiKey');
    expect(JSON.stringify(listed.body)).not.toContain('cp_registrar_key_1');
    const reopened = formValuesOf(row);
    expect(reopened).toEqual({ ...typed, serverUrl: 'http://127.0.0.1:3100', apiKey: '', fieldMap: [{ formField: 'companyName', collectionField: 'name' }, { formField: 'region', collectionField: 'region' }] });
  });

  it('keeps the saved key when the page is saved without one, and replaces it when one is typed', async () => {
    const row = (await resource().list({ pageSize: 1 })).body.data[0] as Record<string, unknown>;
    await resource().update({ filterByTk: row['id'], values: savePayloadOf({ ...formValuesOf(row), mode: 'in-process', rulesDir: '/srv/rules' }) });
    expect(await serverSettings()).toMatchObject({ mode: 'in-process', rulesDir: '/srv/rules', apiKey: 'cp_registrar_key_1' });
    await resource().update({ filterByTk: row['id'], values: savePayloadOf({ ...formValuesOf(row), apiKey: 'cp_new_key_2' }) });
    expect(await serverSettings()).toMatchObject({ mode: 'server', apiKey: 'cp_new_key_2' });
  });
});
