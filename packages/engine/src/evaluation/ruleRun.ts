import type { PolicyEvent } from '../format/ruleFile.js';
import type { RuleTrace } from '../explanation/explanation.js';
import type { OrderedRule } from './orderedRules.js';

/** One rule evaluated by either path: its result, its outcome (with params resolved) and, if asked, its trace. */
export interface RuleRun {
  rule: OrderedRule;
  result: boolean;
  event?: PolicyEvent;
  trace?: RuleTrace;
}
