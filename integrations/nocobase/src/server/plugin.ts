import { Plugin } from '@nocobase/server';
import PluginWorkflowServer from '@nocobase/plugin-workflow';
import { decisionInstruction, DECISION_INSTRUCTION } from './decisionInstruction.js';
import { PolicyDecider } from './policyDecider.js';
import { guardRegistration } from './registrationGuard.js';
import type { CrmPolicySettings } from './settings.js';
import { SETTINGS_COLLECTION, settingsCollection, settingsOf } from './settings.js';

/** How long the settings are kept before they are read again. */
export const SETTINGS_TTL_MS = 5_000;

/** What NocoBase passes a save hook: the request's context when the save comes from one. */
interface HookOptions {
  context?: { state?: { currentUser?: Record<string, unknown> }; getCurrentLocale?: () => string; get?: (header: string) => string };
}

/**
 * The crm-policy plugin for NocoBase 2.x: registration enforced on the
 * collection the settings name, and the "crm-policy decision" workflow
 * instruction. Its settings are one row of `crmPolicySettings`.
 */
export class PluginCrmPolicyServer extends Plugin {
  private readonly decider = new PolicyDecider();
  private cached: { at: number; settings: Promise<CrmPolicySettings> } | undefined;

  /**
   * The settings row. Every record created in the app asks for it, so it is
   * kept: forgotten when this process saves the row, and read again after
   * `SETTINGS_TTL_MS` (another process of a cluster may have changed it).
   */
  settings(): Promise<CrmPolicySettings> {
    if (!this.cached || Date.now() - this.cached.at > SETTINGS_TTL_MS) {
      const settings = this.db
        .getRepository(SETTINGS_COLLECTION)
        .findOne()
        .then((row) => settingsOf(row ? { ...(row.toJSON() as Record<string, unknown>), apiKey: row.get('apiKey') } : null));
      this.cached = { at: Date.now(), settings };
      settings.catch(() => (this.cached = undefined));
    }
    return this.cached.settings;
  }

  async beforeLoad(): Promise<void> {
    this.db.collection(settingsCollection);
    const forget = () => {
      this.cached = undefined;
    };
    this.db.on(`${SETTINGS_COLLECTION}.afterSave`, forget);
    this.db.on(`${SETTINGS_COLLECTION}.afterDestroy`, forget);
    this.db.on('beforeCreate', async (model: { constructor: { collection?: { name?: string } }; get(key: string): unknown; set(key: string, value: unknown): void }, options: HookOptions) => {
      const name = model.constructor.collection?.name;
      if (!name || name === SETTINGS_COLLECTION) return;
      const settings = await this.settings();
      if (!settings.collection || settings.collection !== name) return;
      const context = options.context;
      await guardRegistration(settings, {
        record: model,
        user: context?.state?.currentUser,
        locale: context?.getCurrentLocale?.() ?? context?.get?.('x-locale'),
      });
    });
  }

  /** On enable in a running app: the settings table is made (a fresh app's install syncs every collection anyway). */
  async install(): Promise<void> {
    await this.db.getCollection(SETTINGS_COLLECTION).sync();
  }

  async load(): Promise<void> {
    const workflow = this.pm.get(PluginWorkflowServer) as PluginWorkflowServer | undefined;
    if (!workflow) {
      this.log.warn('the workflow plugin is not enabled: the "crm-policy decision" node is not available');
      return;
    }
    const Instruction = decisionInstruction({ settings: () => this.settings(), decider: this.decider });
    workflow.registerInstruction(DECISION_INSTRUCTION, new Instruction(workflow));
  }
}

export default PluginCrmPolicyServer;
