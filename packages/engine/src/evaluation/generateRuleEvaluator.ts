import type { Comparison, Condition } from '../format/ruleFile.js';
import { isComparison, isFactReference } from '../format/ruleFile.js';
import type { GroupTrace } from '../explanation/explanation.js';
import { operatorNamed } from './operators/operatorRegistry.js';
import type { OperatorContext } from './operators/operatorSpec.js';
import type { FactSlots } from './slots.js';

/** A rule's conditions as generated code: a short-circuiting test and a full tracer, over fact slots. */
export interface RuleEvaluator {
  test(slots: readonly unknown[], context: OperatorContext): boolean;
  trace(slots: readonly unknown[], context: OperatorContext): GroupTrace;
}

const numberLike = (value: unknown): boolean => Number.parseFloat(value as string).toString() !== 'NaN';

const NUMERIC: Partial<Record<Comparison['operator'], string>> = {
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/**
 * Generates JavaScript for one rule. Every value from the rule file (names,
 * literals, operator functions) reaches the code through the constants array
 * `K`, never as source text, so a rule file cannot inject code.
 */
class Generator {
  readonly constants: unknown[] = [numberLike];
  private temp = 0;

  constructor(private readonly slots: FactSlots) {}

  private constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  /** The boolean expression of a comparison, given expressions for the fact and the expected value. */
  private comparison(condition: Comparison, actual: string, expected: string): string {
    const raw = condition.value;
    const literal = !isFactReference(raw);
    if (condition.operator === 'equal') return `(${actual} === ${expected})`;
    if (condition.operator === 'notEqual') return `(${actual} !== ${expected})`;
    const symbol = NUMERIC[condition.operator];
    if (symbol) return `(typeof ${actual} === 'number' ? ${actual} ${symbol} ${expected} : (K[0](${actual}) && ${actual} ${symbol} ${expected}))`;
    const spec = operatorNamed(condition.operator);
    if (literal && spec.compile) return `${this.constant(spec.compile(raw))}(${actual}, ctx)`;
    return `${this.constant(spec.evaluate)}(${actual}, ${expected}, ctx)`;
  }

  private operands(condition: Comparison): { actual: string; expected: string } {
    const actual = `s[${this.slots.slotOf(condition)}]`;
    const raw = condition.value;
    const expected = isFactReference(raw) ? `s[${this.slots.slotOf(raw)}]` : this.constant(deepFreeze(raw));
    return { actual, expected };
  }

  /** A short-circuiting boolean expression. */
  test(condition: Condition): string {
    if ('all' in condition) return `(${condition.all.map((c) => this.test(c)).join(' && ')})`;
    if ('any' in condition) return `(${condition.any.map((c) => this.test(c)).join(' || ')})`;
    if ('not' in condition) return `!${this.test(condition.not)}`;
    if (!isComparison(condition)) throw new Error('Condition is neither a group nor a comparison');
    const { actual, expected } = this.operands(condition);
    return this.comparison(condition, actual, expected);
  }

  /** Statements that build the trace of a condition; returns the variable holding it. */
  trace(condition: Condition, lines: string[]): string {
    const name = `t${this.temp++}`;
    if ('all' in condition || 'any' in condition || 'not' in condition) {
      const group = 'all' in condition ? 'all' : 'any' in condition ? 'any' : 'not';
      const members = 'all' in condition ? condition.all : 'any' in condition ? condition.any : [condition.not];
      const parts = members.map((member) => this.trace(member, lines));
      const results = parts.map((part) => `${part}.result`);
      const result = group === 'all' ? results.join(' && ') : group === 'any' ? results.join(' || ') : `!${results[0]}`;
      lines.push(`const ${name} = { group: '${group}', result: ${result}, conditions: [${parts.join(', ')}] };`);
      return name;
    }
    if (!isComparison(condition)) throw new Error('Condition is neither a group nor a comparison');
    const { actual, expected } = this.operands(condition);
    const a = `a${name}`;
    const x = `x${name}`;
    lines.push(`const ${a} = ${actual}, ${x} = ${expected};`);
    lines.push(
      `const ${name} = { fact: ${this.constant(condition.fact)}, path: ${this.constant(condition.path)}, ` +
        `operator: ${this.constant(condition.operator)}, expected: ${this.constant(deepFreeze(condition.value))}, ` +
        `expectedValue: ${x}, actual: ${a}, result: ${this.comparison(condition, a, x)} };`,
    );
    return name;
  }
}

/** Generates the evaluator of a rule's conditions; fact reads are allocated in `slots`. */
export function generateRuleEvaluator(conditions: Condition, slots: FactSlots): RuleEvaluator {
  const generator = new Generator(slots);
  const testSource = `return ${generator.test(conditions)};`;
  const lines: string[] = [];
  const root = generator.trace(conditions, lines);
  const traceSource = `${lines.join('\n')}\nreturn ${root};`;
  // Generated from validated rules; every value from the file reaches the code through K only.
  const build = new Function('K', `return { test(s, ctx) { ${testSource} }, trace(s, ctx) { ${traceSource} } };`) as (
    constants: unknown[],
  ) => RuleEvaluator;
  return build(generator.constants);
}
