/**
 * Rules in words, for people reading them (the web app's rule list): no
 * evaluation, no schema compilation, usable in a browser (`@crm-policy/engine/words`).
 * @packageDocumentation
 */
export { conditionInWords, ruleInWords } from './explanation/conditionInWords.js';
export type { Language } from './explanation/describeCondition.js';
