import type { ComparisonTrace, ConditionTrace, Explanation, RuleTrace } from './explanation.js';
import { isGroupTrace } from './explanation.js';

/**
 * The comparisons that would have to change for a condition to hold: none if it
 * holds; for `all`, those of each failing member; for `any`, those of its
 * cheapest member; for `not`, the inner condition itself.
 */
export function blockingComparisons(trace: ConditionTrace): ComparisonTrace[] {
  if (trace.result) return [];
  if (!isGroupTrace(trace)) return [trace];
  if (trace.group === 'all') return trace.conditions.flatMap(blockingComparisons);
  if (trace.group === 'any') {
    let best: ComparisonTrace[] | undefined;
    for (const member of trace.conditions) {
      const blocking = blockingComparisons(member);
      if (!best || blocking.length < best.length) best = blocking;
    }
    return best ?? [];
  }
  // not: the inner condition held; every comparison that made it hold is to blame.
  return collectComparisons(trace.conditions[0]);
}

/** How many comparisons `blockingComparisons` would return, without building the list. */
export function countBlocking(trace: ConditionTrace): number {
  if (trace.result) return 0;
  if (!isGroupTrace(trace)) return 1;
  const members = trace.conditions;
  if (trace.group === 'all') {
    let sum = 0;
    for (const member of members) sum += countBlocking(member);
    return sum;
  }
  if (trace.group === 'any') {
    let least = Number.POSITIVE_INFINITY;
    for (const member of members) least = Math.min(least, countBlocking(member));
    return members.length === 0 ? 0 : least;
  }
  return countComparisons(members[0]);
}

function countComparisons(trace: ConditionTrace | undefined): number {
  if (!trace) return 0;
  if (!isGroupTrace(trace)) return 1;
  let sum = 0;
  for (const member of trace.conditions) sum += countComparisons(member);
  return sum;
}

function collectComparisons(trace: ConditionTrace | undefined): ComparisonTrace[] {
  if (!trace) return [];
  return isGroupTrace(trace) ? trace.conditions.flatMap(collectComparisons) : [trace];
}

/** The failed rule with the fewest blocking comparisons (ties: the one considered first). */
export function nearestMiss(rules: readonly RuleTrace[]): Explanation['nearestMiss'] {
  let best: RuleTrace | undefined;
  for (const rule of rules) {
    if (!rule.result && (!best || rule.failedConditions < best.failedConditions)) best = rule;
  }
  return best ? { rule: best.name, failed: blockingComparisons(best.conditions) } : undefined;
}
