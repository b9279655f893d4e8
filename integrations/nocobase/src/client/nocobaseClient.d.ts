// The part of `@nocobase/client` (2.x) this plugin uses, declared here because the
// package cannot be installed from the registry (its dependencies
// `@nocobase/client-v2` and `@nocobase/flow-engine` are not published there).
// The host app provides the real module at run time (its RequireJS `define('@nocobase/client', …)`).
// Checked by hand against nocobase/nocobase's source: packages/core/client/src/application/Plugin.ts,
// PluginSettingsManager.ts (`PluginSettingOptions`), PluginManager.ts (`pm.get`), api-client/hooks/useAPIClient.ts.
declare module '@nocobase/client' {
  import type { ComponentType } from 'react';

  /** `pluginSettingsManager.add(name, options)`: a page under /admin/settings/<name>. */
  export interface PluginSettingOptions {
    title: unknown;
    Component?: ComponentType;
    icon?: string;
    sort?: number;
    aclSnippet?: string;
  }

  /** The resource API's actions as NocoBase's `APIClient.resource(name)` offers them (axios answers: `{ data: { data } }`). */
  export interface ResourceActions {
    list(params?: Record<string, unknown>): Promise<{ data: { data: unknown } }>;
    create(params: { values: Record<string, unknown> }): Promise<{ data: { data: unknown } }>;
    update(params: { filterByTk: unknown; values: Record<string, unknown> }): Promise<{ data: { data: unknown } }>;
  }

  export interface APIClient {
    resource(name: string): ResourceActions;
  }

  export interface Application {
    pluginSettingsManager: { add(name: string, options: PluginSettingOptions): void };
    pm: { get(nameOrClass: string): unknown };
    i18n: { addResources(lng: string, ns: string, resources: Record<string, string>): unknown };
  }

  /** A client plugin: the host constructs it with its options and the app, then calls `afterAdd`, `beforeLoad`, `load`. */
  export class Plugin {
    constructor(options: unknown, app: Application);
    app: Application;
    afterAdd(): Promise<void>;
    beforeLoad(): Promise<void>;
    load(): Promise<void>;
  }

  export function useAPIClient(): APIClient;
}

// `@formily/antd-v5` (1.x), provided by the host app as `define('@formily/antd-v5', …)`: only the list component the node form uses.
declare module '@formily/antd-v5' {
  import type { ComponentType } from 'react';

  export const ArrayItems: ComponentType<Record<string, unknown>>;
}
