/**
 * Rules in words, for people reading them (the web app's rule list): no
 * evaluation, no schema compilation, usable in a browser (`@crm-policy/engine/words`).
 * @packageDocumentation
 */
export { comparisonExpectation, comparisonInWords, conditionInWords, paramInWords, ruleInWords } from './explanation/conditionInWords.js';
export { choiceName, fieldName, titleIn } from './explanation/fieldNames.js';
export type { Language } from './explanation/describeCondition.js';
