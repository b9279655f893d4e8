import type { HitPolicy, PolicyEvent, PolicyKind } from '../format/ruleFile.js';

/** What a derivation step may read: the decision's facts and clock. */
export interface DeriveContext {
  facts: Readonly<Record<string, unknown>>;
  now: Date;
}

/** How the engine understands one policy kind. */
export interface PolicySpec {
  kind: PolicyKind;
  /** The hit policy its shipped file uses; a file may choose the other. */
  recommendedHitPolicy: HitPolicy;
  /**
   * Outcome types the policy understands, each with a JSON Schema of its params.
   * For the people who edit rules, each type and param carries annotations in
   * both languages: `x-title` (`{ zh: '保护期', en: 'Protection' }`), `x-unit`
   * for numbers (`{ zh: '天', en: 'days' }`) and `x-choices` naming each enum
   * value (`{ zh: { pool: '公海' }, en: { pool: 'Pool' } }`). Validation ignores them.
   */
  events: Record<string, Record<string, unknown>>;
  /**
   * Computes params that follow from a rule's outcome and the facts (a credit
   * limit from a ratio and the revenue, say), so admins set ratios, not code.
   */
  derive?(event: PolicyEvent, context: DeriveContext): PolicyEvent;
  /** Facts `derive` reads: a file of this policy must declare them, and every decision must supply them. */
  derivedFrom?: readonly string[];
}
