/**
 * Helpers for editing rule files in a browser (`@crm-policy/engine/editing`):
 * what a comparison can read, which operators fit it, and which outcomes a
 * policy understands. No evaluation and no schema compilation.
 * @packageDocumentation
 */
export type { ComparableField } from './editing/comparableFields.js';
export { comparableFields } from './editing/comparableFields.js';
export { operatorsFor, operatorWords } from './editing/operatorsFor.js';
export { outcomeSchemas } from './editing/outcomeSchemas.js';
export { bilingual, choiceLabel, outcomeTitle, paramLabel, paramUnit } from './editing/outcomeLabels.js';
export { DATE_OR_DATE_TIME } from './format/dateOrDateTime.js';
export { isComparison, isFactReference } from './format/ruleFile.js';
export type { FactKind } from './evaluation/operators/operatorSpec.js';
export type { VersionStep } from './editing/proposeVersion.js';
export { compareVersions, nextVersion, proposeVersion, versionStep } from './editing/proposeVersion.js';
