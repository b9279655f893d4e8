import { jsonPointer } from './jsonPointer.js';
import type { Comparison, Condition } from './ruleFile.js';
import { isComparison } from './ruleFile.js';

/** Calls `visit` for every comparison under a condition, with its JSON Pointer. */
export function walkComparisons(
  condition: Condition,
  pointer: string,
  visit: (comparison: Comparison, pointer: string) => void,
): void {
  if ('all' in condition && Array.isArray(condition.all)) {
    condition.all.forEach((child, i) => walkComparisons(child, pointer + jsonPointer('all', i), visit));
  } else if ('any' in condition && Array.isArray(condition.any)) {
    condition.any.forEach((child, i) => walkComparisons(child, pointer + jsonPointer('any', i), visit));
  } else if ('not' in condition && condition.not) {
    walkComparisons(condition.not, pointer + jsonPointer('not'), visit);
  } else if (isComparison(condition)) {
    visit(condition, pointer);
  }
}
