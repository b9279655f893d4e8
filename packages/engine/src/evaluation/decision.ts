import type { PolicyEvent, PolicyKind } from '../format/ruleFile.js';
import type { Explanation } from '../explanation/explanation.js';

/** What a policy decided for one set of facts. */
export interface Decision {
  policy: PolicyKind;
  /** The rule file version that made the decision. */
  version: string;
  /** Outcomes of the succeeding rules in priority order (`first`: the winner only); `[default]` when none succeeds. */
  outcomes: PolicyEvent[];
  /** The first of `outcomes`; `{ type: "error" }` when the decision could not be made. */
  outcome: PolicyEvent;
  /** Names of the succeeding rules that contributed to `outcomes`. */
  fired: string[];
  /** Why: every evaluated rule, condition by condition (absent when `explain: false`). */
  explanation?: Explanation;
  /** The decision's clock, ISO 8601. */
  decidedAt: string;
  /** Which evaluator decided: the compiled fast path, or json-rules-engine. */
  engine: 'fast' | 'reference';
  durationMs: number;
  /** Set when the outcome is an error: why the rules could not be decided. */
  error?: { code: string; message: string };
}

/** Options of one decision. */
export interface DecideOptions {
  /** The decision's clock; defaults to the policy's clock. */
  now?: Date | string;
  /** Build the explanation (default true). Batch callers that only need outcomes turn it off. */
  explain?: boolean;
  /** `auto` (default) takes the fast path unless a fact must be computed asynchronously. */
  engine?: 'auto' | 'fast' | 'reference';
}
