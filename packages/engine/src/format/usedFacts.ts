import { policies } from '../policies/policyRegistry.js';
import type { RuleFile } from './ruleFile.js';
import { isFactReference } from './ruleFile.js';
import { walkComparisons } from './walkConditions.js';

/** The facts a decision reads: in comparisons, compared values, outcome params, and those its policy derives outcomes from. */
export function usedFacts(file: RuleFile): Set<string> {
  const used = new Set<string>();
  const fromParams = (params: Record<string, unknown> | undefined) => {
    for (const value of Object.values(params ?? {})) if (isFactReference(value)) used.add(value.fact);
  };
  for (const rule of file.rules) {
    walkComparisons(rule.conditions, '', (comparison) => {
      used.add(comparison.fact);
      if (isFactReference(comparison.value)) used.add(comparison.value.fact);
    });
    fromParams(rule.event.params);
  }
  fromParams(file.default.params);
  for (const fact of policies[file.policy]?.derivedFrom ?? []) used.add(fact);
  return used;
}
