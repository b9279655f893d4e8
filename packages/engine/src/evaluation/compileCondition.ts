import type { Condition } from '../format/ruleFile.js';
import { isComparison, isFactReference } from '../format/ruleFile.js';
import type { ComparisonTrace, ConditionTrace, GroupTrace } from '../explanation/explanation.js';
import { operatorNamed } from './operators/operatorRegistry.js';
import type { OperatorContext } from './operators/operatorSpec.js';
import type { Facts, Getter } from './resolvePath.js';
import { compileGetter } from './resolvePath.js';

/** A condition compiled for the fast path: a short-circuiting test and a full tracer. */
export interface CompiledCondition {
  test(facts: Facts, context: OperatorContext): boolean;
  trace(facts: Facts, context: OperatorContext): ConditionTrace;
}

function compileComparison(condition: Extract<Condition, { fact: string }>): CompiledCondition {
  const read = compileGetter(condition);
  const raw = condition.value;
  const readExpected: Getter = isFactReference(raw) ? compileGetter(raw) : () => raw;
  const { evaluate } = operatorNamed(condition.operator);
  return {
    test: (facts, context) => evaluate(read(facts), readExpected(facts), context),
    trace: (facts, context): ComparisonTrace => {
      const actual = read(facts);
      const expectedValue = readExpected(facts);
      const trace: ComparisonTrace = {
        fact: condition.fact,
        operator: condition.operator,
        expected: raw,
        expectedValue,
        actual,
        result: evaluate(actual, expectedValue, context),
      };
      if (condition.path !== undefined) trace.path = condition.path;
      return trace;
    },
  };
}

function compileGroup(group: GroupTrace['group'], members: CompiledCondition[]): CompiledCondition {
  const traceGroup = (facts: Facts, context: OperatorContext): GroupTrace => {
    const conditions = members.map((member) => member.trace(facts, context));
    const result =
      group === 'all'
        ? conditions.every((c) => c.result)
        : group === 'any'
          ? conditions.some((c) => c.result)
          : !conditions[0]!.result;
    return { group, result, conditions };
  };
  if (group === 'all') {
    return { test: (facts, context) => members.every((m) => m.test(facts, context)), trace: traceGroup };
  }
  if (group === 'any') {
    return { test: (facts, context) => members.some((m) => m.test(facts, context)), trace: traceGroup };
  }
  const [inner] = members as [CompiledCondition];
  return { test: (facts, context) => !inner.test(facts, context), trace: traceGroup };
}

/**
 * Compiles a validated condition into synchronous closures. Operators are pure,
 * so the short-circuiting test and the full trace always agree on the result.
 */
export function compileCondition(condition: Condition): CompiledCondition {
  if ('all' in condition) return compileGroup('all', condition.all.map(compileCondition));
  if ('any' in condition) return compileGroup('any', condition.any.map(compileCondition));
  if ('not' in condition) return compileGroup('not', [compileCondition(condition.not)]);
  if (isComparison(condition)) return compileComparison(condition);
  throw new Error('Condition is neither a group nor a comparison');
}
