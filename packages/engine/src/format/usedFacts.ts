import type { RuleFile } from './ruleFile.js';
import { isFactReference } from './ruleFile.js';
import { walkComparisons } from './walkConditions.js';

/** The facts a rule file actually reads: in comparisons, compared values and outcome params. */
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
  return used;
}
