import type { Decision } from '../evaluation/decision.js';
import type { Language } from './describeCondition.js';
import { describeCondition } from './describeCondition.js';
import type { ConditionTrace } from './explanation.js';
import { isGroupTrace } from './explanation.js';
import { blockingComparisons } from './nearestMiss.js';

const GROUP_WORDS: Record<Language, Record<'all' | 'any' | 'not', string>> = {
  en: { all: 'all of', any: 'any of', not: 'not' },
  zh: { all: '全部满足', any: '满足其一', not: '不满足' },
};

function describeTrace(trace: ConditionTrace, language: Language, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const mark = trace.result ? '✓' : '✗';
  if (isGroupTrace(trace)) {
    lines.push(`${indent}${mark} ${GROUP_WORDS[language][trace.group]}:`);
    for (const member of trace.conditions) describeTrace(member, language, depth + 1, lines);
  } else {
    lines.push(`${indent}${mark} ${describeCondition(trace, language)}`);
  }
}

/**
 * A decision as text a rep or admin can read: the outcome, each fired rule
 * condition by condition, then each rule that did not fire with the comparisons
 * that stopped it (`verbose`: every evaluated rule in full).
 */
export function describeDecision(decision: Decision, language: Language = 'en', options: { verbose?: boolean } = {}): string {
  const zh = language === 'zh';
  const lines: string[] = [];
  const params = decision.outcome.params ? ` ${JSON.stringify(decision.outcome.params)}` : '';
  lines.push(`${decision.policy} ${decision.version}: ${decision.outcome.type}${params}`);
  if (decision.outcomes.length > 1) {
    for (const outcome of decision.outcomes.slice(1)) {
      lines.push(`  ${zh ? '另有' : 'also'}: ${outcome.type}${outcome.params ? ' ' + JSON.stringify(outcome.params) : ''}`);
    }
  }
  if (decision.error) lines.push(`${zh ? '错误' : 'error'}: ${decision.error.message}`);
  lines.push(
    decision.fired.length > 0
      ? `${zh ? '命中规则' : 'fired'}: ${decision.fired.join(', ')}`
      : zh
        ? '没有规则命中，采用默认结果'
        : 'no rule fired; the default outcome applies',
  );
  const miss = decision.explanation?.nearestMiss;
  if (miss) {
    lines.push(`${zh ? '最接近的规则' : 'nearest rule'}: ${miss.rule}`);
    for (const failed of miss.failed) lines.push(`  ✗ ${describeCondition(failed, language)}`);
  }
  const rules = decision.explanation?.rules ?? [];
  const shown = options.verbose ? rules : rules.filter((rule) => rule.result);
  for (const rule of shown) {
    lines.push('');
    lines.push(`${rule.result ? '✓' : '✗'} ${rule.name} (${zh ? '优先级' : 'priority'} ${rule.priority})`);
    describeTrace(rule.conditions, language, 1, lines);
  }
  const others = options.verbose ? [] : rules.filter((rule) => !rule.result);
  if (others.length > 0) {
    lines.push('');
    lines.push(zh ? '未命中的规则：' : 'rules that did not fire:');
    for (const rule of others) {
      const blocking = blockingComparisons(rule.conditions).map((trace) => describeCondition(trace, language));
      lines.push(`  ✗ ${rule.name}: ${blocking.join('; ')}`);
    }
  }
  return lines.join('\n');
}
