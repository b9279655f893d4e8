import type { Comparison, Condition, RuleDefinition, RuleFile } from '../format/ruleFile.js';
import { walkComparisons } from '../format/walkConditions.js';

/** A rule added, removed or changed between two versions of a rule file. */
export interface RuleChange {
  name: string;
  priority?: { from: number; to: number };
  event?: { from: unknown; to: unknown };
  description?: { from: string | undefined; to: string | undefined };
  /** Comparisons (in words, with their place in the rule) only in the old or only in the new conditions. */
  conditions?: { removed: string[]; added: string[] };
}

/** The differences between two versions of a rule file, rule by rule. */
export interface RuleFileDiff {
  version: { from: string; to: string };
  hitPolicy?: { from: string; to: string };
  default?: { from: unknown; to: unknown };
  facts: { added: string[]; removed: string[]; changed: string[] };
  rules: { added: string[]; removed: string[]; changed: RuleChange[] };
  tests: { added: string[]; removed: string[]; changed: string[] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function comparisons(condition: Condition): string[] {
  const found: string[] = [];
  walkComparisons(condition, '', (c: Comparison, pointer) => {
    const where = pointer.replace(/\/\d+/g, '').replace(/^\//, '') || 'all';
    found.push(`${where}: ${c.fact}${c.path ? c.path.replace(/^\$/, '') : ''} ${c.operator} ${JSON.stringify(c.value)}`);
  });
  return found;
}

function ruleChange(from: RuleDefinition, to: RuleDefinition): RuleChange | undefined {
  const change: RuleChange = { name: to.name };
  if ((from.priority ?? 1) !== (to.priority ?? 1)) change.priority = { from: from.priority ?? 1, to: to.priority ?? 1 };
  if (!same(from.event, to.event)) change.event = { from: from.event, to: to.event };
  if (from.description !== to.description) change.description = { from: from.description, to: to.description };
  if (!same(from.conditions, to.conditions)) {
    const before = comparisons(from.conditions);
    const after = comparisons(to.conditions);
    const removed = before.filter((c) => !after.includes(c));
    const added = after.filter((c) => !before.includes(c));
    // The same comparisons regrouped still count as a change.
    change.conditions = removed.length + added.length > 0 ? { removed, added } : { removed: ['(grouping)'], added: ['(grouping)'] };
  }
  return Object.keys(change).length > 1 ? change : undefined;
}

function keyed<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function setDiff<T>(from: Map<string, T>, to: Map<string, T>): { added: string[]; removed: string[]; changed: string[] } {
  return {
    added: [...to.keys()].filter((k) => !from.has(k)),
    removed: [...from.keys()].filter((k) => !to.has(k)),
    changed: [...to.keys()].filter((k) => from.has(k) && !same(from.get(k), to.get(k))),
  };
}

/** What changed between two versions of a policy: facts, rules (with their changed conditions), default, tests. */
export function diffRuleFiles(from: RuleFile, to: RuleFile): RuleFileDiff {
  const fromRules = keyed(from.rules, (r) => r.name);
  const toRules = keyed(to.rules, (r) => r.name);
  const diff: RuleFileDiff = {
    version: { from: from.version, to: to.version },
    facts: setDiff(new Map(Object.entries(from.facts)), new Map(Object.entries(to.facts))),
    rules: {
      added: [...toRules.keys()].filter((k) => !fromRules.has(k)),
      removed: [...fromRules.keys()].filter((k) => !toRules.has(k)),
      changed: [...toRules.keys()].flatMap((k) => {
        const before = fromRules.get(k);
        const change = before ? ruleChange(before, toRules.get(k)!) : undefined;
        return change ? [change] : [];
      }),
    },
    tests: setDiff(keyed(from.tests ?? [], (t) => t.name), keyed(to.tests ?? [], (t) => t.name)),
  };
  if (from.hitPolicy !== to.hitPolicy) diff.hitPolicy = { from: from.hitPolicy, to: to.hitPolicy };
  if (!same(from.default, to.default)) diff.default = { from: from.default, to: to.default };
  return diff;
}
