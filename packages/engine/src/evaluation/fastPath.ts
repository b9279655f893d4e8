import type { HitPolicy, RuleFile } from '../format/ruleFile.js';
import { countBlocking } from '../explanation/nearestMiss.js';
import type { RuleEvaluator } from './generateRuleEvaluator.js';
import { generateRuleEvaluator } from './generateRuleEvaluator.js';
import type { OperatorContext } from './operators/operatorSpec.js';
import type { OrderedRule } from './orderedRules.js';
import { priorityGroups } from './orderedRules.js';
import { compileEvent } from './resolveEventParams.js';
import type { Facts } from './resolvePath.js';
import type { RuleRun } from './ruleRun.js';
import { FactSlots } from './slots.js';

interface CompiledRule {
  rule: OrderedRule;
  condition: RuleEvaluator;
  event: ReturnType<typeof compileEvent>;
}

/** A rule file compiled once into synchronous evaluators, for facts the caller supplies up front. */
export interface FastPath {
  run(facts: Facts, context: OperatorContext, explain: boolean): RuleRun[];
}

/**
 * Compiles a validated rule file. Rules are considered in priority groups,
 * highest first; under `first` the walk stops after the first group with a
 * success (without explanation, at the first success, which is the winner).
 */
export function compileFastPath(file: RuleFile): FastPath {
  const slots = new FactSlots();
  const groups: CompiledRule[][] = priorityGroups(file).map((group) =>
    group.map((rule) => ({
      rule,
      condition: generateRuleEvaluator(rule.definition.conditions, slots),
      event: compileEvent(rule.definition.event),
    })),
  );
  const getters = slots.getters;
  const hitPolicy: HitPolicy = file.hitPolicy;
  return {
    run(facts, context, explain) {
      const values = new Array<unknown>(getters.length);
      for (let i = 0; i < getters.length; i += 1) values[i] = getters[i]!(facts);
      const runs: RuleRun[] = [];
      for (const group of groups) {
        let succeeded = false;
        for (const compiled of group) {
          if (explain) {
            const conditions = compiled.condition.trace(values, context);
            const result = conditions.result;
            const trace = {
              name: compiled.rule.name,
              priority: compiled.rule.priority,
              result,
              conditions,
              failedConditions: result ? 0 : countBlocking(conditions),
            };
            const run: RuleRun = result
              ? { rule: compiled.rule, result, event: compiled.event(facts), trace }
              : { rule: compiled.rule, result, trace };
            runs.push(run);
            succeeded ||= result;
          } else if (compiled.condition.test(values, context)) {
            runs.push({ rule: compiled.rule, result: true, event: compiled.event(facts) });
            succeeded = true;
            if (hitPolicy === 'first') return runs;
          }
        }
        if (succeeded && hitPolicy === 'first') break;
      }
      return runs;
    },
  };
}
