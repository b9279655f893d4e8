import type { RuleDefinition, RuleFile } from '../format/ruleFile.js';

/** A rule with its place in the file and its effective priority. */
export interface OrderedRule {
  definition: RuleDefinition;
  name: string;
  index: number;
  priority: number;
}

/** Rules grouped by priority, highest first; within a group, in file order. */
export function priorityGroups(file: RuleFile): OrderedRule[][] {
  const ordered = file.rules
    .map((definition, index) => ({ definition, name: definition.name, index, priority: definition.priority ?? 1 }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index);
  const groups: OrderedRule[][] = [];
  for (const rule of ordered) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.priority === rule.priority) last.push(rule);
    else groups.push([rule]);
  }
  return groups;
}
