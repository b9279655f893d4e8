import { Plugin } from '@nocobase/client';
import { DecisionInstruction } from './DecisionInstruction.js';
import { DECISION_NODE_TYPE } from './decisionFieldset.js';
import { CLIENT_MESSAGES, NAMESPACE, schemaText } from './locale.js';
import { SettingsPage } from './SettingsPage.js';

/** The name of the plugin's page in NocoBase's plugin settings (/admin/settings/crm-policy). */
export const SETTINGS_PAGE = 'crm-policy';

/** What the plugin needs of the workflow plugin's client: its `registerInstruction`. */
interface WorkflowClient {
  registerInstruction(type: string, instruction: DecisionInstruction): void;
}

/**
 * The crm-policy plugin's client part for NocoBase 2.x (the `/admin` app): the
 * catalogue in zh-CN and en-US, a settings page editing `crmPolicySettings`,
 * and the "crm-policy decision" node in the workflow editor.
 */
export class PluginCrmPolicyClient extends Plugin {
  async load(): Promise<void> {
    for (const [locale, messages] of Object.entries(CLIENT_MESSAGES)) this.app.i18n.addResources(locale, NAMESPACE, messages);
    this.app.pluginSettingsManager.add(SETTINGS_PAGE, {
      title: schemaText('crm-policy'),
      icon: 'ApiOutlined',
      Component: SettingsPage,
      aclSnippet: `pm.${SETTINGS_PAGE}`,
    });
    const workflow = this.app.pm.get('workflow') as WorkflowClient | undefined;
    // Without the workflow plugin the settings page still works; the node has nowhere to go.
    workflow?.registerInstruction(DECISION_NODE_TYPE, new DecisionInstruction());
  }
}

export default PluginCrmPolicyClient;
