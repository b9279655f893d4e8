import type { OperatorName } from '../format/ruleFile.js';

/** One comparison as it was decided: what was read, what it was compared with, and the result. */
export interface ComparisonTrace {
  fact: string;
  /** The JSONPath into the fact; undefined when the whole fact is compared. */
  path: string | undefined;
  operator: OperatorName;
  /** The value as written in the rule (a literal, or a fact reference). */
  expected: unknown;
  /** The value compared with: the literal, or the referenced fact's value. */
  expectedValue: unknown;
  /** The fact's value (at `path`) at decision time. */
  actual: unknown;
  result: boolean;
}

/** An all / any / not group and the traces of its members. */
export interface GroupTrace {
  group: 'all' | 'any' | 'not';
  result: boolean;
  conditions: ConditionTrace[];
}

/** How one condition of a rule came out: a comparison, or a group of them. */
export type ConditionTrace = ComparisonTrace | GroupTrace;

/** How one evaluated rule came out. */
export interface RuleTrace {
  name: string;
  priority: number;
  result: boolean;
  conditions: GroupTrace;
  /** Fewest comparisons that would have to change for the rule to succeed. */
  failedConditions: number;
}

/** Why a decision came out as it did. */
export interface Explanation {
  /** Every rule that was evaluated, in the order the hit policy considers them. */
  rules: RuleTrace[];
  /** When no rule succeeded: the rule that came nearest, and the comparisons that stopped it. */
  nearestMiss?: { rule: string; failed: ComparisonTrace[] };
}

export function isGroupTrace(trace: ConditionTrace): trace is GroupTrace {
  return 'group' in trace;
}
