export { PluginCrmPolicyServer, default } from './plugin.js';
export { DECISION_INSTRUCTION } from './decisionInstruction.js';
export type { DecisionNodeConfig } from './decisionInstruction.js';
export { CrmPolicyRefusal } from './crmPolicyRefusal.js';
export type { RefusalCode } from './crmPolicyRefusal.js';
export type { PolicyDecision } from './policyDecision.js';
export { SETTINGS_COLLECTION } from './settings.js';
export type { CrmPolicySettings } from './settings.js';
