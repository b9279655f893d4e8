import type { PolicyEvent } from '../format/ruleFile.js';
import { sameOutcome } from './sameOutcome.js';

/** How many changed records saw one outcome parameter go from one value to another (e.g. protectionDays 30 → 45: 149). */
export interface ParameterChange {
  /** The outcome type the parameter belongs to, after the change. */
  type: string;
  param: string;
  /** The value before (published) and after (draft); `null` when the parameter was absent. */
  from: unknown;
  to: unknown;
  count: number;
}

/**
 * Counts, per outcome parameter, the value transitions of changed records,
 * when both outcomes are of the same type (a change of type is a
 * transition of its own). Memory grows with the distinct transitions, not the records.
 */
export class ParameterChanges {
  private readonly counts = new Map<string, ParameterChange>();

  /** Notes the parameters that differ between two outcomes of one record. */
  add(before: PolicyEvent, after: PolicyEvent): void {
    if (before.type !== after.type) return;
    const a = before.params ?? {};
    const b = after.params ?? {};
    for (const param of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const from = a[param] ?? null;
      const to = b[param] ?? null;
      if (sameOutcome(from, to)) continue;
      const key = JSON.stringify([after.type, param, from, to]);
      const entry = this.counts.get(key) ?? { type: after.type, param, from, to, count: 0 };
      entry.count += 1;
      this.counts.set(key, entry);
    }
  }

  /** The transitions, largest first. */
  list(): ParameterChange[] {
    return [...this.counts.values()].sort((x, y) => y.count - x.count || x.param.localeCompare(y.param));
  }
}
