import type { Condition, RuleDefinition, RuleFile } from '../format/ruleFile.js';
import { isComparison } from '../format/ruleFile.js';
import type { Language } from './describeCondition.js';
import { expectation } from './describeCondition.js';

/** The name a person knows a fact by: its title in the rule file, with the path's last step. */
function subjectName(file: Pick<RuleFile, 'facts'> | undefined, fact: string, path: string | undefined): string {
  const title = file?.facts[fact]?.title ?? fact;
  if (!path) return title;
  const step = path.replace(/^\$\.?/, '');
  const properties = (file?.facts[fact] as { properties?: Record<string, { title?: string }> } | undefined)?.properties;
  return properties?.[step]?.title ?? `${title}.${step}`;
}

/** A rule's conditions as a sentence: `Region lies within 44 and Employees ≥ 1000`. */
export function conditionInWords(condition: Condition, language: Language, file?: Pick<RuleFile, 'facts'>): string {
  const zh = language === 'zh';
  if (isComparison(condition)) {
    const trace = { operator: condition.operator, expected: condition.value, expectedValue: condition.value };
    return `${subjectName(file, condition.fact, condition.path)} ${expectation(trace, language)}`;
  }
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

function wrapped(condition: Condition, language: Language, file?: Pick<RuleFile, 'facts'>): string {
  const words = conditionInWords(condition, language, file);
  return isComparison(condition) || ('any' in condition && condition.any.length === 1) ? words : `(${words})`;
}

/** A rule in one line: its conditions, an arrow, and its outcome (`assign team South China SME`). */
export function ruleInWords(rule: RuleDefinition, language: Language, file?: Pick<RuleFile, 'facts'>): string {
  const params = Object.entries(rule.event.params ?? {})
    .filter(([, value]) => typeof value !== 'object')
    .map(([name, value]) => `${name} ${String(value)}`)
    .join(', ');
  return `${conditionInWords(rule.conditions, language, file)} → ${rule.event.type}${params ? ` ${params}` : ''}`;
}
