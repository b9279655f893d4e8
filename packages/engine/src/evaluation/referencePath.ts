import { Engine } from 'json-rules-engine';
import type { Almanac, RuleResult } from 'json-rules-engine';
import type { OperatorName, RuleFile } from '../format/ruleFile.js';
import type { ConditionTrace, GroupTrace } from '../explanation/explanation.js';
import { countBlocking } from '../explanation/nearestMiss.js';
import { customOperators } from './operators/operatorRegistry.js';
import type { OperatorContext } from './operators/operatorSpec.js';
import type { OrderedRule } from './orderedRules.js';
import { priorityGroups } from './orderedRules.js';
import type { Facts } from './resolvePath.js';
import type { RuleRun } from './ruleRun.js';

/** Computes a fact on demand; json-rules-engine caches it per decision and parameters. */
export type AsyncFact = (params: Record<string, unknown>, almanac: Almanac) => unknown;

type ConditionNode = Record<string, unknown>;

function normalizeEvent(event: { type: string; params?: Record<string, unknown> }) {
  return { type: event.type, ...(event.params !== undefined ? { params: structuredClone(event.params) } : {}) };
}

function toTrace(node: ConditionNode, result?: boolean): ConditionTrace {
  for (const group of ['all', 'any', 'not'] as const) {
    if (group in node && node[group] !== undefined) {
      const members = group === 'not' ? [node[group]] : (node[group] as ConditionNode[]);
      const conditions = (members as ConditionNode[]).map((member) => toTrace(member));
      return { group, result: result ?? node['result'] === true, conditions } satisfies GroupTrace;
    }
  }
  return {
    fact: node['fact'] as string,
    path: node['path'] as string | undefined,
    operator: node['operator'] as OperatorName,
    expected: node['value'],
    expectedValue: node['valueResult'],
    actual: node['factResult'],
    result: node['result'] === true,
  };
}

/**
 * Decides with json-rules-engine, the reference semantics and the path for
 * asynchronous facts. A new Engine per decision: json-rules-engine keeps one
 * run status per instance, so overlapping runs on a shared one skip rules.
 */
export function createReferencePath(file: RuleFile) {
  const rulesByName = new Map<string, OrderedRule>(priorityGroups(file).flat().map((rule) => [rule.name, rule]));
  const order = (run: RuleRun) => run.rule.index - run.rule.priority * 1e9;

  return async function run(
    facts: Facts,
    asyncFacts: ReadonlyMap<string, AsyncFact>,
    context: OperatorContext,
  ): Promise<RuleRun[]> {
    const engine = new Engine([], { allowUndefinedFacts: false, replaceFactsInEventParams: true });
    for (const spec of customOperators) {
      engine.addOperator(spec.name, (factValue: unknown, value: unknown) => spec.evaluate(factValue, value, context));
    }
    for (const rule of file.rules) {
      engine.addRule({
        name: rule.name,
        priority: rule.priority ?? 1,
        conditions: rule.conditions as never,
        event: { type: rule.event.type, ...(rule.event.params ? { params: rule.event.params } : {}) },
      });
    }
    for (const [name, compute] of asyncFacts) {
      if (!(name in facts)) engine.addFact(name, compute as never);
    }
    if (file.hitPolicy === 'first') engine.on('success', () => engine.stop());
    const outcome = await engine.run({ ...facts });
    const runs = [...outcome.results, ...outcome.failureResults].map((ruleResult: RuleResult): RuleRun => {
      const rule = rulesByName.get(ruleResult.name as string);
      if (!rule) throw new Error(`json-rules-engine returned an unknown rule ${String(ruleResult.name)}`);
      const result = ruleResult.result === true;
      const conditions = toTrace(ruleResult.conditions as unknown as ConditionNode, result) as GroupTrace;
      return {
        rule,
        result,
        ...(result ? { event: normalizeEvent(ruleResult.event as { type: string; params?: Record<string, unknown> }) } : {}),
        trace: {
          name: rule.name,
          priority: rule.priority,
          result,
          conditions,
          failedConditions: result ? 0 : countBlocking(conditions),
        },
      };
    });
    return runs.sort((a, b) => order(a) - order(b));
  };
}
