// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import type { MockServer } from '@nocobase/test';
import i18next from 'i18next';
import { createElement } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLIENT_MESSAGES, NAMESPACE } from '../src/client/locale.js';
import { SettingsPage } from '../src/client/SettingsPage.js';
import PluginCrmPolicyServer from '../src/server/index.js';
import { createNocoBaseApp } from './nocobaseApp.js';

let app: MockServer;

// `@nocobase/client` is the host app's (it cannot be installed here): the page's one use of it,
// `useAPIClient().resource(name)`, is answered by the real NocoBase app of this test through its resource API.
vi.mock('@nocobase/client', () => {
  // One client for the app's life, as the host's `useAPIClient` gives its one APIClient.
  const client = {
    resource: (name: string) => {
      const resource = () => app.agent().resource(name);
      const answer = async (response: { status: number; body: unknown }) => {
        if (response.status >= 400) throw new Error(`${name}: ${response.status}`);
        return { data: response.body };
      };
      return {
        list: async (params?: Record<string, unknown>) => answer(await resource().list(params)),
        create: async (params: { values: Record<string, unknown> }) => answer(await resource().create(params)),
        update: async (params: { filterByTk: unknown; values: Record<string, unknown> }) => answer(await resource().update(params)),
      };
    },
  };
  return { useAPIClient: () => client };
});

beforeAll(async () => {
  // antd's responsive parts ask for matchMedia, which jsdom lacks.
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, onchange: null, dispatchEvent: () => false })) as typeof window.matchMedia;
  app = await createNocoBaseApp();
});
afterEach(cleanup);
afterAll(async () => {
  await app?.destroy();
});

/** The page in a language, with the plugin's catalogue, as the host app's i18next gives it. */
async function openPage(locale: 'zh-CN' | 'en-US') {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng: locale, resources: { [locale]: { [NAMESPACE]: CLIENT_MESSAGES[locale] } }, interpolation: { escapeValue: false } });
  render(createElement(I18nextProvider, { i18n }, createElement(SettingsPage)));
  await waitFor(() => button(CLIENT_MESSAGES[locale]['Save']!));
}

// Elements are found by the ids antd's Form gives them (the field's name) and by their text: testing-library's
// role and label queries take seconds on antd's DOM in jsdom.
/** A form field's input. */
const field = (name: string) => document.getElementById(name) as HTMLInputElement;
/** The label shown for a form field. */
const label = (name: string) => document.querySelector(`label[for="${name}"]`)?.textContent;
/** A button by its words (antd spaces out a two-character Chinese label, "保 存", as the app shows it). */
const button = (text: string) => {
  const found = [...document.querySelectorAll('button')].find((element) => element.textContent?.replace(/\s/g, '') === text.replace(/\s/g, ''));
  if (!found) throw new Error(`no button "${text}"`);
  return found;
};

const serverSettings = () => (app.pm.get(PluginCrmPolicyServer) as PluginCrmPolicyServer).settings();
const type = (element: HTMLElement, value: string) => fireEvent.change(element, { target: { value } });

describe('the settings page, rendered', () => {
  it('saves what an admin types, in Chinese, into the settings the server plugin reads', async () => {
    await openPage('zh-CN');
    const zh = CLIENT_MESSAGES['zh-CN'];
    expect([label('serverUrl'), label('apiKey'), label('collection'), label('userField')]).toEqual([zh['Server URL'], zh['API key'], zh['Registration collection'], zh['User field with the crm-policy rep']]);
    expect(field('userField').value).toBe('username');
    type(field('serverUrl'), 'http://127.0.0.1:3100');
    type(field('apiKey'), 'cp_registrar_key_1');
    type(field('collection'), 'customers');
    type(field('industry'), 'software');
    type(field('protectedUntilField'), 'protectedUntil');
    fireEvent.click(button(zh['Add a field']!));
    await waitFor(() => expect(field('fieldMap_0_formField')).toBeTruthy());
    expect(field('fieldMap_0_formField').placeholder).toBe(zh['Registration form field']);
    type(field('fieldMap_0_formField'), 'companyName');
    type(field('fieldMap_0_collectionField'), 'name');
    await act(async () => {
      fireEvent.click(button(zh['Save']!));
    });
    await waitFor(async () => expect((await serverSettings()).collection).toBe('customers'));
    expect(await serverSettings()).toEqual({
      mode: 'server',
      serverUrl: 'http://127.0.0.1:3100',
      apiKey: 'cp_registrar_key_1',
      timeoutMs: 5000,
      collection: 'customers',
      industry: 'software',
      fieldMap: { companyName: 'name' },
      userField: 'username',
      protectedUntilField: 'protectedUntil',
      rulesDir: '',
    });
  });

  it('reopens with the saved values but never the key, and keeps the key when saved without one', async () => {
    await openPage('en-US');
    const en = CLIENT_MESSAGES['en-US'];
    expect(label('serverUrl')).toBe(en['Server URL']);
    expect(field('serverUrl').value).toBe('http://127.0.0.1:3100');
    expect(field('apiKey').value).toBe('');
    expect(field('fieldMap_0_formField').value).toBe('companyName');
    type(field('industry'), 'manufacturing');
    await act(async () => {
      fireEvent.click(button(en['Save']!));
    });
    await waitFor(async () => expect((await serverSettings()).industry).toBe('manufacturing'));
    expect(await serverSettings()).toMatchObject({ apiKey: 'cp_registrar_key_1', collection: 'customers', fieldMap: { companyName: 'name' } });
  });

  it('refuses to save in server mode without a server URL, and says so under the field', async () => {
    await openPage('en-US');
    const en = CLIENT_MESSAGES['en-US'];
    expect(field('serverUrl').value).toBe('http://127.0.0.1:3100');
    type(field('serverUrl'), '');
    await act(async () => {
      fireEvent.click(button(en['Save']!));
    });
    await waitFor(() => expect(document.querySelector('#serverUrl_help')?.textContent).toBe(en['Required']));
    expect((await serverSettings()).serverUrl).toBe('http://127.0.0.1:3100');
  });
});
