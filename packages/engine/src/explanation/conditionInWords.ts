import { bilingual, choiceLabel, outcomeTitle, paramUnit } from '../editing/outcomeLabels.js';
import type { Comparison, Condition, PolicyKind, RuleDefinition, RuleFile } from '../format/ruleFile.js';
import { isComparison, isFactReference } from '../format/ruleFile.js';
import { policies } from '../policies/policyRegistry.js';
import type { Language } from './describeCondition.js';
import { expectation } from './describeCondition.js';
import { choiceName, fieldName } from './fieldNames.js';

type Facts = Pick<RuleFile, 'facts'> & Partial<Pick<RuleFile, 'policy'>>;

const YES_NO = { zh: ['是', '否'], en: ['yes', 'no'] } as const;

/** What a comparison compares with, as people read it: another fact by its name, a choice by its display name. */
function shownValue(comparison: Comparison, language: Language, file?: Facts): unknown {
  const one = (value: unknown) => {
    if (isFactReference(value)) return fieldName(file, value.fact, value.path, language);
    if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
    return choiceName(file, comparison.fact, comparison.path, value, language);
  };
  return Array.isArray(comparison.value) ? comparison.value.map(one) : one(comparison.value);
}

/** What a comparison requires of its fact, in words, without naming the fact: `= C 级`, `≠ Rep ID` (a decision table's cell). */
export function comparisonExpectation(comparison: Comparison, language: Language, file?: Facts): string {
  const value = shownValue(comparison, language, file);
  return expectation({ operator: comparison.operator, expected: value, expectedValue: value }, language);
}

/** One comparison in words: `客户等级 = C 级`, `Holder ID ≠ Rep ID`. */
export function comparisonInWords(comparison: Comparison, language: Language, file?: Facts): string {
  return `${fieldName(file, comparison.fact, comparison.path, language)} ${comparisonExpectation(comparison, language, file)}`;
}

/** A rule's conditions as a sentence: `Region lies within 44 and Employees ≥ 1000`. */
export function conditionInWords(condition: Condition, language: Language, file?: Facts): string {
  const zh = language === 'zh';
  if (isComparison(condition)) return comparisonInWords(condition, language, file);
  if ('all' in condition) {
    const parts = condition.all.map((child) => wrapped(child, language, file));
    return parts.length === 0 ? (zh ? '总是' : 'always') : parts.join(zh ? ' 且 ' : ' and ');
  }
  if ('any' in condition) {
    const parts = condition.any.map((child) => wrapped(child, language, file));
    return parts.length === 1 ? parts[0]! : zh ? `以下任一：${parts.join('；')}` : `any of: ${parts.join('; ')}`;
  }
  return zh ? `并非（${conditionInWords(condition.not, language, file)}）` : `not (${conditionInWords(condition.not, language, file)})`;
}

function wrapped(condition: Condition, language: Language, file?: Facts): string {
  const words = conditionInWords(condition, language, file);
  return isComparison(condition) || ('any' in condition && condition.any.length === 1) ? words : `(${words})`;
}

/** An outcome param's value in words: a choice by its name, a number with its unit, another fact by its name. */
export function paramInWords(kind: PolicyKind | undefined, type: string, name: string, value: unknown, language: Language, file?: Facts): string {
  if (isFactReference(value)) return fieldName(file, value.fact, value.path, language);
  if (!kind || !(kind in policies)) return typeof value === 'string' ? value : JSON.stringify(value);
  const unit = paramUnit(kind, type, name, language);
  if (typeof value === 'number') return unit ? `${value} ${unit}` : String(value);
  return typeof value === 'string' ? choiceLabel(kind, type, name, value, language) : JSON.stringify(value);
}

/** A rule in one line: its conditions, an arrow, and its outcome (`分配：团队 华南中小企业，归属方式 共享`). */
export function ruleInWords(rule: RuleDefinition, language: Language, file?: Facts): string {
  const kind = file?.policy && file.policy in policies ? file.policy : undefined;
  const event = rule.event;
  const schema = kind ? (policies[kind].events[event.type]?.['properties'] as Record<string, Record<string, unknown>> | undefined) : undefined;
  const params = Object.entries(event.params ?? {})
    .filter(([, value]) => typeof value !== 'object' || isFactReference(value))
    .map(([name, value]) => `${bilingual(schema?.[name], 'x-title', language) ?? name} ${paramInWords(kind, event.type, name, value, language, file)}`)
    .join(language === 'zh' ? '，' : ', ');
  const type = kind ? outcomeTitle(kind, event.type, language) : event.type;
  return `${conditionInWords(rule.conditions, language, file)} → ${type}${params ? (language === 'zh' ? `：${params}` : `: ${params}`) : ''}`;
}
