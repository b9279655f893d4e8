import type { Comparison, RuleDefinition, RuleFile } from '@crm-policy/engine';
import { columnKey, flatComparisons, runOrder } from './decisionTable.js';

/** A name no rule of the file uses: `base`, else `base-2`, `base-3`... */
export function unusedName(file: Pick<RuleFile, 'rules'>, base: string): string {
  let name = base;
  for (let n = 2; file.rules.some((rule) => rule.name === name); n++) name = `${base}-${n}`;
  return name;
}

/** The file with its rules in run order, so that equal priorities run as the rows read. */
function inRunOrder(file: RuleFile, rules: RuleDefinition[] = file.rules): RuleFile {
  return { ...file, rules: runOrder({ rules }).map((index) => rules[index]!) };
}

/** One rule replaced. */
export function replaceRule(file: RuleFile, index: number, rule: RuleDefinition): RuleFile {
  return { ...file, rules: file.rules.map((old, at) => (at === index ? rule : old)) };
}

/**
 * A rule's comparisons on one column replaced (an empty list removes them: the
 * cell reads "any"); the others keep their places. Only for flat rules.
 */
export function setCell(file: RuleFile, index: number, key: string, comparisons: Comparison[]): RuleFile {
  const rule = file.rules[index];
  const flat = rule && flatComparisons(rule.conditions);
  if (!rule || !flat) return file;
  const at = flat.findIndex((comparison) => columnKey(comparison) === key);
  const others = flat.filter((comparison) => columnKey(comparison) !== key);
  const place = at < 0 ? others.length : flat.slice(0, at).filter((comparison) => columnKey(comparison) !== key).length;
  const all = [...others.slice(0, place), ...comparisons, ...others.slice(place)];
  return replaceRule(file, index, { ...rule, conditions: { all } });
}

/** One outcome param set (undefined removes it), keeping its place among the others. */
export function setParam(file: RuleFile, index: number, name: string, value: unknown): RuleFile {
  const rule = file.rules[index];
  if (!rule) return file;
  const params = rule.event.params ?? {};
  const entries = name in params ? Object.entries(params).map(([key, old]) => [key, key === name ? value : old] as const) : [...Object.entries(params), [name, value] as const];
  return replaceRule(file, index, { ...rule, event: { ...rule.event, params: Object.fromEntries(entries.filter(([, kept]) => kept !== undefined)) } });
}

/** A copy of a rule right below it, named `<name>-copy` (or `-copy-2`...), with the same priority. */
export function copyRow(file: RuleFile, index: number): RuleFile {
  const rule = file.rules[index];
  if (!rule) return file;
  const ordered = inRunOrder(file);
  const at = ordered.rules.indexOf(rule);
  const copy: RuleDefinition = { ...structuredClone(rule), name: unusedName(file, `${rule.name}-copy`) };
  return { ...ordered, rules: [...ordered.rules.slice(0, at + 1), copy, ...ordered.rules.slice(at + 1)] };
}

/** The file without one rule. */
export function deleteRow(file: RuleFile, index: number): RuleFile {
  return { ...file, rules: file.rules.filter((_, at) => at !== index) };
}

/** A new rule as the last row: the lowest priority the file uses, so it runs last. */
export function addRow(file: RuleFile, rule: RuleDefinition): RuleFile {
  const lowest = file.rules.reduce((low, old) => Math.min(low, old.priority ?? 1), Number.POSITIVE_INFINITY);
  const ordered = inRunOrder(file);
  return { ...ordered, rules: [...ordered.rules, { ...rule, priority: Number.isFinite(lowest) ? lowest : 1 }] };
}

/**
 * A row moved from one place in run order to another; priority follows order.
 * The rules are written in run order (ties run in file order), and the moved
 * rule takes a priority between its new neighbours': its own if it already
 * fits, else the nearest neighbour's.
 */
export function moveRow(file: RuleFile, from: number, to: number): RuleFile {
  const ordered = inRunOrder(file).rules;
  if (from < 0 || from >= ordered.length || to < 0 || to >= ordered.length || from === to) return file;
  const moved = ordered[from]!;
  const rest = ordered.filter((_, at) => at !== from);
  const above = rest[to - 1];
  const below = rest[to];
  let priority = moved.priority ?? 1;
  if (above && priority > (above.priority ?? 1)) priority = above.priority ?? 1;
  if (below && priority < (below.priority ?? 1)) priority = below.priority ?? 1;
  const rules = [...rest.slice(0, to), { ...moved, priority }, ...rest.slice(to)];
  return { ...file, rules };
}
