import type { OperatorName } from '../../format/ruleFile.js';

/** What the decision's operators may read besides their two operands. */
export interface OperatorContext {
  /** The decision's clock, in epoch milliseconds. */
  now: number;
}

/**
 * The kinds of fact an operator can be applied to. `date` is a string fact
 * whose schema says `format: date` or `format: date-time`.
 */
export type FactKind = 'string' | 'date' | 'number' | 'boolean' | 'null' | 'array' | 'object';

/** One operator: how it decides, which facts it fits, and how it reads in words. */
export interface OperatorSpec {
  name: OperatorName;
  /** Fact kinds the operator may be applied to. */
  accepts: readonly FactKind[];
  /** Decides the comparison; never throws. */
  evaluate(factValue: unknown, value: unknown, context: OperatorContext): boolean;
  /**
   * Specialises the operator for a value known when the rule file loads (a
   * literal), doing once what `evaluate` would do on every decision. Must
   * decide exactly as `evaluate` does.
   */
  compile?(value: unknown): (factValue: unknown, context: OperatorContext) => boolean;
  /** Reads `<operator> <value>` in words, e.g. `≥ 1000`. */
  words: { en: string; zh: string };
  /** True for the operators json-rules-engine ships; the others are registered on each engine. */
  builtIn: boolean;
}

export const SCALAR_KINDS: readonly FactKind[] = ['string', 'date', 'number', 'boolean', 'null'];
