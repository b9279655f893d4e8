import type { HitPolicy, RuleFile } from '../format/ruleFile.js';
import { blockingComparisons } from '../explanation/nearestMiss.js';
import type { GroupTrace } from '../explanation/explanation.js';
import type { CompiledCondition } from './compileCondition.js';
import { compileCondition } from './compileCondition.js';
import type { OperatorContext } from './operators/operatorSpec.js';
import type { OrderedRule } from './orderedRules.js';
import { priorityGroups } from './orderedRules.js';
import { compileEvent } from './resolveEventParams.js';
import type { Facts } from './resolvePath.js';
import type { RuleRun } from './ruleRun.js';

interface CompiledRule {
  rule: OrderedRule;
  condition: CompiledCondition;
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
  const groups: CompiledRule[][] = priorityGroups(file).map((group) =>
    group.map((rule) => ({
      rule,
      condition: compileCondition(rule.definition.conditions),
      event: compileEvent(rule.definition.event),
    })),
  );
  const hitPolicy: HitPolicy = file.hitPolicy;
  return {
    run(facts, context, explain) {
      const runs: RuleRun[] = [];
      for (const group of groups) {
        let succeeded = false;
        for (const compiled of group) {
          if (explain) {
            const conditions = compiled.condition.trace(facts, context) as GroupTrace;
            const result = conditions.result;
            runs.push({
              rule: compiled.rule,
              result,
              ...(result ? { event: compiled.event(facts) } : {}),
              trace: {
                name: compiled.rule.name,
                priority: compiled.rule.priority,
                result,
                conditions,
                failedConditions: blockingComparisons(conditions).length,
              },
            });
            succeeded ||= result;
          } else if (compiled.condition.test(facts, context)) {
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
