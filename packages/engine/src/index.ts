/**
 * crm-policy engine: validate, evaluate, explain and test the rule files of
 * a sales organisation's customer policies.
 * @packageDocumentation
 */
export { createPolicy } from './evaluation/createPolicy.js';
export type { FactProvider, Policy, PolicyOptions } from './evaluation/createPolicy.js';
export type { DecideOptions, Decision } from './evaluation/decision.js';
export type { DifferentialReport, Mismatch } from './evaluation/differentialCheck.js';
export { differentialCheck } from './evaluation/differentialCheck.js';
export { arbitraryFacts } from './evaluation/arbitraryFacts.js';
export { operators } from './evaluation/operators/operatorRegistry.js';
export type { FactKind, OperatorContext, OperatorSpec } from './evaluation/operators/operatorSpec.js';
export { isWithinRegion, regionPrefix } from './evaluation/operators/inRegion.js';
export { foldText } from './evaluation/operators/textMatching.js';
export { loadPolicy } from './loadRuleFile.js';
export { parseRuleFile, validateRuleFile } from './format/validateRuleFile.js';
export { checkPattern, checkSchemaPatterns } from './format/checkPatterns.js';
export { LinearPattern, MAX_PATTERN_INPUT, patternSyntaxError } from './patterns/linearPattern.js';
export { linearRegExp } from './patterns/linearRegExp.js';
export type { RuleFileValidation } from './format/validateRuleFile.js';
export { ruleFileSchema } from './format/ruleFileSchema.js';
export type {
  BilingualText,
  Comparison,
  Condition,
  FactReference,
  FactSchema,
  HitPolicy,
  OperatorName,
  PolicyEvent,
  PolicyKind,
  RuleDefinition,
  RuleFile,
  RuleTestCase,
  TopLevelCondition,
} from './format/ruleFile.js';
export { PolicyError } from './errors.js';
export type { Issue, LocalizedText, PolicyErrorCode } from './errors.js';
export type { ComparisonTrace, ConditionTrace, Explanation, GroupTrace, RuleTrace } from './explanation/explanation.js';
export { describeCondition } from './explanation/describeCondition.js';
export type { Language } from './explanation/describeCondition.js';
export { describeDecision } from './explanation/describeDecision.js';
export { policies, POLICY_KINDS } from './policies/policyRegistry.js';
export type { DeriveContext, PolicySpec } from './policies/policySpec.js';
export { runRuleTests, outcomeMatches } from './testing/runRuleTests.js';
export type { RuleTestReport, RuleTestResult } from './testing/runRuleTests.js';
export { analyzeRuleFile } from './analysis/analyzeRuleFile.js';
export type { AnalysisOptions, Warning } from './analysis/analyzeRuleFile.js';
export { diffRuleFiles } from './analysis/diffRuleFiles.js';
export type { RuleChange, RuleFileDiff } from './analysis/diffRuleFiles.js';
export { outcomeLabel, simulate } from './analysis/simulate.js';
export { readRecords, RecordLineError } from './analysis/readRecords.js';
export type { ChangedRecord, SimulationPages, SimulationRecord, SimulationReport } from './analysis/simulate.js';
export type { ParameterChange } from './analysis/parameterChanges.js';
export { creditCodeCheckCharacter, isValidCreditCode } from './identifiers/creditCode.js';
export { conditionInWords, ruleInWords } from './explanation/conditionInWords.js';
