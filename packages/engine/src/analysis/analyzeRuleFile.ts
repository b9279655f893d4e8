import type { Issue } from '../errors.js';
import { jsonPointer } from '../format/jsonPointer.js';
import type { Comparison, RuleFile } from '../format/ruleFile.js';
import { usedFacts } from '../format/usedFacts.js';
import { priorityGroups } from '../evaluation/orderedRules.js';
import type { OrderedRule } from '../evaluation/orderedRules.js';
import { regionPrefix } from '../evaluation/operators/inRegion.js';
import type { Conjunct } from './constraint.js';
import { conjunctsOf, contradicts, implies } from './constraint.js';

/** Warnings are issues an admin should read before publishing; the file is still valid. */
export type Warning = Issue;

/** What the static analysis knows beyond the file (the regions territories use …). */
export interface AnalysisOptions {
  /** Region codes the organisation covers (its teams' territories): for the assignment policy, each should be reachable by some rule. */
  regions?: readonly string[];
}

const words = (c: Comparison) => `${c.fact}${c.path ? c.path.replace(/^\$/, '') : ''} ${c.operator} ${JSON.stringify(c.value)}`;
const rulePointer = (rule: OrderedRule) => jsonPointer('rules', rule.index);

/**
 * What a valid rule file may still get wrong: rules that can never fire
 * (contradictory conditions, or shadowed under `first` by an earlier rule
 * that every match of theirs also matches), `first` rules of equal priority
 * and different outcomes that can both match, facts declared but never read, and, for assignment,
 * covered regions that no rule can route.
 */
export function analyzeRuleFile(file: RuleFile, options: AnalysisOptions = {}): Warning[] {
  const warnings: Warning[] = [];
  const ordered = priorityGroups(file).flat();
  const conjuncts = new Map(ordered.map((rule) => [rule.name, conjunctsOf(rule.definition.conditions)]));
  const contradictory = new Set<string>();

  for (const rule of ordered) {
    const found = contradiction(conjuncts.get(rule.name)!);
    if (!found) continue;
    contradictory.add(rule.name);
    warnings.push({
      code: 'rule-contradictory',
      pointer: rulePointer(rule),
      message: {
        en: `Rule "${rule.name}" can never fire: ${words(found[0])} and ${words(found[1])} cannot both hold`,
        zh: `规则“${rule.name}”永远不会触发：${words(found[0])} 与 ${words(found[1])} 不可能同时成立`,
      },
    });
  }

  if (file.hitPolicy === 'first') {
    for (const [i, later] of ordered.entries()) {
      if (contradictory.has(later.name)) continue;
      const shadow = ordered.slice(0, i).find((earlier) => !contradictory.has(earlier.name) && covers(conjuncts.get(earlier.name)!, conjuncts.get(later.name)!));
      if (shadow) {
        warnings.push({
          code: 'rule-shadowed',
          pointer: rulePointer(later),
          message: {
            en: `Rule "${later.name}" can never fire: every case it matches, "${shadow.name}" (priority ${shadow.priority}) matches first`,
            zh: `规则“${later.name}”永远不会触发：它匹配的每种情况都会先由“${shadow.name}”（优先级 ${shadow.priority}）匹配`,
          },
        });
        continue;
      }
      const twin = ordered.slice(0, i).find((earlier) => earlier.priority === later.priority && !contradictory.has(earlier.name) && JSON.stringify(earlier.definition.event) !== JSON.stringify(later.definition.event) && !contradiction([...conjuncts.get(earlier.name)!, ...conjuncts.get(later.name)!]));
      if (twin) {
        warnings.push({
          code: 'rules-overlap',
          pointer: rulePointer(later),
          message: {
            en: `Rules "${twin.name}" and "${later.name}" have the same priority (${later.priority}), different outcomes, and can both match: only their order in the file decides`,
            zh: `规则“${twin.name}”与“${later.name}”优先级相同（${later.priority}）、结果不同且可能同时匹配：只由文件中的顺序决定`,
          },
        });
      }
    }
  }

  const used = usedFacts(file);
  for (const fact of Object.keys(file.facts)) {
    if (used.has(fact)) continue;
    warnings.push({ code: 'fact-unused', pointer: jsonPointer('facts', fact), message: { en: `Fact "${fact}" is declared but no rule reads it`, zh: `事实“${fact}”已声明，但没有规则使用` } });
  }

  if (file.policy === 'assignment' && options.regions) {
    for (const code of regionGaps(ordered, conjuncts, contradictory, options.regions)) {
      warnings.push({ code: 'territory-gap', pointer: '/rules', message: { en: `Region ${code} is in a territory but no rule can route a customer there`, zh: `地区 ${code} 属于某个辖区，但没有规则能分配该地区的客户` } });
    }
  }
  return warnings;
}

/** Two comparisons of a conjunction that cannot both hold, if any. */
function contradiction(conjuncts: Conjunct[]): [Comparison, Comparison] | undefined {
  for (const [i, a] of conjuncts.entries()) {
    if (a.subject === null) continue;
    for (const b of conjuncts.slice(i + 1)) {
      if (b.subject === a.subject && contradicts(a.constraint, b.constraint)) return [a.comparison, b.comparison];
    }
  }
  return undefined;
}

/** True when every case matching `later` also matches `earlier`: each of earlier's conjuncts is implied by one of later's. */
function covers(earlier: Conjunct[], later: Conjunct[]): boolean {
  return earlier.every((need) =>
    later.some((have) => (need.subject === null ? have.subject === null && have.key === need.key : have.subject === need.subject && implies(have.constraint, need.constraint))),
  );
}

/** Declared region codes no non-contradictory rule can match. */
function regionGaps(ordered: OrderedRule[], conjuncts: Map<string, Conjunct[]>, contradictory: Set<string>, regions: readonly string[]): string[] {
  const reaches = (rule: OrderedRule, code: string) =>
    conjuncts.get(rule.name)!.every((c) => c.subject === null || c.constraint.kind !== 'regions' || c.constraint.prefixes.some((p) => code.startsWith(p) || p.startsWith(code)));
  return [...new Set(regions.map((r) => regionPrefix(r) ?? r))].filter((code) => !ordered.some((rule) => !contradictory.has(rule.name) && reaches(rule, code))).sort();
}
