import { Plugin } from '@nocobase/server';
import PluginWorkflowServer from '@nocobase/plugin-workflow';
import { decisionInstruction, DECISION_INSTRUCTION } from './decisionInstruction.js';
import { PolicyDecider } from './policyDecider.js';
import { guardRegistration } from './registrationGuard.js';
import type { CrmPolicySettings } from './settings.js';
import { SETTINGS_COLLECTION, settingsCollection, settingsOf } from './settings.js';

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

  /** The settings row, read at each use: an admin's change applies to the next save or node. */
  async settings(): Promise<CrmPolicySettings> {
    const row = await this.db.getRepository(SETTINGS_COLLECTION).findOne();
    return settingsOf(row ? (row.toJSON() as Record<string, unknown>) : null);
  }

  async beforeLoad(): Promise<void> {
    this.db.collection(settingsCollection);
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
