import type { Comparison, Condition, RuleDefinition, RuleFile } from '@crm-policy/engine';
import { isComparison } from '@crm-policy/engine/editing';

/** One input column of a decision table: a fact, or a property inside one. */
export interface InputColumn {
  /** `fact` followed by its path (`customer$.grade`): unique per column. */
  key: string;
  fact: string;
  path?: string;
}

/** One row: a rule, where it sits in the file, and its comparisons by column when its condition is a flat `all`. */
export interface TableRow {
  /** The rule's index in `file.rules`: what edits address. */
  index: number;
  rule: RuleDefinition;
  /** The comparisons per input column; undefined when the condition is nested (any, not, groups) and is edited in the rule editor. */
  cells?: Readonly<Record<string, Comparison[]>>;
}

/** A rule file read as a decision table: input columns in first-use order, rows in the order the rules run. */
export interface DecisionTable {
  inputs: InputColumn[];
  outcomeParams: string[];
  rows: TableRow[];
}

/** The key of the column a comparison (or field) belongs to. */
export const columnKey = (comparison: Pick<Comparison, 'fact' | 'path'>): string => `${comparison.fact}${comparison.path ?? ''}`;

/** The comparisons of a flat condition (an `all` of comparisons only), or undefined. */
export function flatComparisons(conditions: RuleDefinition['conditions']): Comparison[] | undefined {
  if (!('all' in conditions)) return undefined;
  const list: Condition[] = conditions.all;
  return list.every((member) => isComparison(member)) ? (list as Comparison[]) : undefined;
}

/** Rule indexes in the order they run: highest priority first, ties in file order. */
export function runOrder(file: Pick<RuleFile, 'rules'>): number[] {
  return file.rules.map((rule, index) => ({ priority: rule.priority ?? 1, index })).sort((a, b) => b.priority - a.priority || a.index - b.index).map(({ index }) => index);
}

/**
 * A rule file as a decision table: one row per rule in the order the rules
 * run, one column per fact path the flat rules compare (in order of first
 * use) followed by the `added` columns no rule compares yet, and the outcome
 * params any rule sets.
 */
export function tableOf(file: Pick<RuleFile, 'rules'>, added: readonly InputColumn[] = []): DecisionTable {
  const inputs = new Map<string, InputColumn>();
  const params = new Set<string>();
  const rows = runOrder(file).map((index): TableRow => {
    const rule = file.rules[index]!;
    for (const name of Object.keys(rule.event.params ?? {})) params.add(name);
    const flat = flatComparisons(rule.conditions);
    if (!flat) return { index, rule };
    const cells: Record<string, Comparison[]> = {};
    for (const comparison of flat) {
      const key = columnKey(comparison);
      if (!inputs.has(key)) inputs.set(key, { key, fact: comparison.fact, ...(comparison.path ? { path: comparison.path } : {}) });
      (cells[key] ??= []).push(comparison);
    }
    return { index, rule, cells };
  });
  for (const column of added) if (!inputs.has(column.key)) inputs.set(column.key, column);
  return { inputs: [...inputs.values()], outcomeParams: [...params], rows };
}
