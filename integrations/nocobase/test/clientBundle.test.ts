import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { DECISION_INSTRUCTION } from '../src/server/index.js';

const root = join(__dirname, '..');
const PACKAGE = '@crm-policy/plugin-nocobase';

// The modules NocoBase's admin app defines for plugin bundles (nocobase/nocobase,
// packages/core/client/src/application/utils/globalDeps.ts), plus `<plugin>/client`
// for each enabled plugin (remotePlugins.ts, `definePluginClient`). Only these are
// given to the loader below: a bundle asking for anything else fails to load.
const HOST_MODULES = ['react', 'react-dom', 'react/jsx-runtime', 'antd', 'antd-style', '@ant-design/icons', 'i18next', 'react-i18next', '@formily/antd-v5', '@formily/core', '@formily/react', '@formily/shared', '@nocobase/client', '@nocobase/utils/client', 'lodash', 'dayjs', '@nocobase/plugin-workflow/client'];

// Stand-ins for what the host's modules give at load time; nothing is rendered here.
class HostPlugin {
  constructor(
    readonly options: unknown,
    readonly app: unknown,
  ) {}
}
class HostInstruction {}
const standIns: Record<string, unknown> = {
  react: { createElement: (type: unknown, props: unknown, ...children: unknown[]) => ({ type, props, children }), Fragment: 'fragment' },
  '@nocobase/client': { Plugin: HostPlugin, useAPIClient: () => undefined },
  '@nocobase/plugin-workflow/client': { Instruction: HostInstruction, WorkflowVariableInput: () => null },
  '@formily/antd-v5': { ArrayItems: () => null },
};

/** The instruction groups the installed workflow plugin's client registers, read from its built bundle. */
function workflowInstructionGroups(): string[] {
  const bundle = readFileSync(join(root, 'node_modules/@nocobase/plugin-workflow/dist/client/index.js'), 'utf8');
  return [...bundle.matchAll(/registerInstructionGroup\("([a-z-]+)"/g)].map((match) => match[1] as string);
}

type PluginModule = { default?: new (options: unknown, app: unknown) => HostPlugin & { load(): Promise<void> } };

/** Loads `dist/client/index.js` as the admin app does: RequireJS 2.3, its `paths` set to the plugin's static URL, `requirejs([packageName])`. */
async function loadAsHost(): Promise<PluginModule> {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { runScripts: 'dangerously', resources: 'usable', url: pathToFileURL(join(root, 'index.html')).href });
  const window = dom.window as unknown as {
    document: Document;
    define(name: string, deps: string[], factory: () => unknown): void;
    requirejs: ((names: string[], done: (module: PluginModule) => void, failed: (error: Error) => void) => void) & { config(options: Record<string, unknown>): void };
  };
  const loader = window.document.createElement('script');
  loader.textContent = readFileSync(join(root, 'node_modules/requirejs/require.js'), 'utf8');
  window.document.head.appendChild(loader);
  for (const name of HOST_MODULES) window.define(name, [], () => standIns[name] ?? {});
  window.requirejs.config({ waitSeconds: 10, paths: { [PACKAGE]: `${pathToFileURL(join(root, 'dist/client/index.js')).href}?hash=test` } });
  return new Promise((resolve, reject) => window.requirejs([PACKAGE], resolve, (error: Error) => reject(error)));
}

let pluginModule: PluginModule;
beforeAll(async () => {
  pluginModule = await loadAsHost();
});

/** What the test reads of a registered instruction. */
type RegisteredInstruction = { type: string; group: string; fieldset: Record<string, unknown>; components: Record<string, unknown>; createDefaultConfig(): unknown };

/** The app as far as the plugin touches it, recording what it is given. */
function recordingApp() {
  const calls = { settings: [] as Array<[string, Record<string, unknown>]>, instructions: [] as Array<[string, RegisteredInstruction]>, resources: [] as string[] };
  const workflow = { registerInstruction: (type: string, instruction: RegisteredInstruction) => calls.instructions.push([type, instruction]) };
  const app = {
    pluginSettingsManager: { add: (name: string, options: Record<string, unknown>) => calls.settings.push([name, options]) },
    pm: { get: (name: string) => (name === 'workflow' ? workflow : undefined) },
    i18n: { addResources: (locale: string, ns: string) => calls.resources.push(`${locale} ${ns}`) },
  };
  return { app, calls };
}

describe('the client bundle, loaded as NocoBase loads plugin clients', () => {
  it('defines a module whose default export is a client plugin', () => {
    expect(typeof pluginModule.default).toBe('function');
    const { app } = recordingApp();
    expect(new pluginModule.default!({}, app)).toBeInstanceOf(HostPlugin);
  });

  it('adds its settings page and its catalogue in both languages', async () => {
    const { app, calls } = recordingApp();
    await new pluginModule.default!({}, app).load();
    expect(calls.resources.sort()).toEqual([`en-US ${PACKAGE}`, `zh-CN ${PACKAGE}`]);
    expect(calls.settings).toHaveLength(1);
    const [name, options] = calls.settings[0]!;
    // A top-level page: a name without dots (PluginSettingsManager turns dots into nested pages), a route /admin/settings/crm-policy.
    expect(name).toBe('crm-policy');
    expect(options).toMatchObject({ aclSnippet: 'pm.crm-policy', icon: expect.any(String), title: expect.stringContaining('crm-policy') });
    expect(typeof options['Component']).toBe('function');
  });

  it('registers the decision node under the type the server plugin runs, in a group the workflow plugin has', async () => {
    const { app, calls } = recordingApp();
    await new pluginModule.default!({}, app).load();
    expect(calls.instructions).toHaveLength(1);
    const [type, instruction] = calls.instructions[0]!;
    expect(type).toBe(DECISION_INSTRUCTION);
    expect(instruction).toBeInstanceOf(HostInstruction);
    expect(instruction.type).toBe(DECISION_INSTRUCTION);
    expect(workflowInstructionGroups()).toContain(instruction.group);
    expect(Object.keys(instruction.fieldset)).toEqual(['policy', 'facts', 'locale']);
    expect(Object.keys(instruction.components).sort()).toEqual(['ArrayItems', 'WorkflowVariableInput']);
    expect(instruction.createDefaultConfig()).toEqual({ policy: 'credit-risk', facts: [], locale: 'zh-CN' });
  });
});
