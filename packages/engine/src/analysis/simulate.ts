import type { Decision } from '../evaluation/decision.js';
import type { Policy } from '../evaluation/createPolicy.js';
import type { PolicyEvent } from '../format/ruleFile.js';
import type { ParameterChange } from './parameterChanges.js';
import { ParameterChanges } from './parameterChanges.js';
import { sameOutcome } from './sameOutcome.js';

/** One historical input: the facts a decision was made with, and when. */
export interface SimulationRecord {
  id: string;
  facts: Record<string, unknown>;
  /** The original decision's time, so date rules decide as they did then. */
  at?: string;
  /** What was decided then, and by which version: when that is the published version, it is reused rather than decided again. */
  recorded?: { version: string; outcome: PolicyEvent; fired: string[] };
}

/** A record whose outcome differs between the two versions, with both decisions. */
export interface ChangedRecord {
  id: string;
  facts: Record<string, unknown>;
  at?: string;
  published: Pick<Decision, 'outcome' | 'fired' | 'explanation'>;
  draft: Pick<Decision, 'outcome' | 'fired' | 'explanation'>;
}

/** What a simulation found: how many records changed outcome, from what to what, and which. */
export interface SimulationReport {
  records: number;
  changed: number;
  /** Records neither version could decide (invalid facts). */
  failed: number;
  /** Outcome transitions, largest first: `from → to: count`, for changed records. */
  transitions: Array<{ from: string; to: string; count: number }>;
  /** Outcome parameters that changed within one outcome type, largest first: `protectionDays 30 → 45: 149`. */
  parameterChanges: ParameterChange[];
  /** How often each rule decided, under each version. */
  ruleHits: { published: Record<string, number>; draft: Record<string, number> };
}

/** A short label of an outcome: its type and its main parameter (team, tier, queue). */
export function outcomeLabel(outcome: PolicyEvent): string {
  const params = outcome.params ?? {};
  const main = params['team'] ?? params['tier'] ?? params['queue'] ?? params['ownership'];
  return main === undefined ? outcome.type : `${outcome.type} ${String(main)}`;
}

/** Records in pages, for a source that reads them so (a page's records are then decided without an asynchronous step each). */
export interface SimulationPages {
  pages: AsyncIterable<readonly SimulationRecord[]>;
}

/**
 * Re-decides records under the published version and a draft, streaming:
 * memory holds the counts, never the records. Changed records go to
 * `onChanged`; `onProgress` hears every `progressEvery` records; a signal stops it.
 */
export async function simulate(
  published: Policy,
  draft: Policy,
  records: AsyncIterable<SimulationRecord> | Iterable<SimulationRecord> | SimulationPages,
  options: {
    onChanged?: (record: ChangedRecord) => void | Promise<void>;
    /** Give `onChanged` both explanations (each changed record decided again with them). */
    explainChanged?: boolean;
    onProgress?: (done: number) => void | Promise<void>;
    progressEvery?: number;
    signal?: AbortSignal;
    explain?: boolean;
  } = {},
): Promise<SimulationReport> {
  const transitions = new Map<string, { from: string; to: string; count: number }>();
  const parameters = new ParameterChanges();
  const hits = { published: {} as Record<string, number>, draft: {} as Record<string, number> };
  const count = (into: Record<string, number>, decision: Pick<Decision, 'fired'>) => {
    for (const rule of decision.fired.length > 0 ? decision.fired : ['(default)']) into[rule] = (into[rule] ?? 0) + 1;
  };
  let total = 0;
  let changed = 0;
  let failed = 0;
  const every = options.progressEvery ?? 1000;
  const explain = options.explain ?? false;

  /** Decides one record under both versions and counts it; answers what `onChanged` and `onProgress` returned, to be awaited. */
  const decide = (record: SimulationRecord): Promise<void> | void => {
    total += 1;
    let before: Pick<Decision, 'outcome' | 'fired'>;
    let after: Decision;
    try {
      // One options object per record, for both decisions.
      const deciding = record.at ? { now: record.at, explain } : { explain };
      before = record.recorded && record.recorded.version === published.ruleFile.version && !explain ? record.recorded : published.decideSync(record.facts, deciding);
      after = draft.decideSync(record.facts, deciding);
    } catch {
      failed += 1;
      return;
    }
    count(hits.published, before);
    count(hits.draft, after);
    let pending: Promise<void> | void = undefined;
    if (!sameOutcome(before.outcome, after.outcome)) {
      changed += 1;
      const from = outcomeLabel(before.outcome);
      const to = outcomeLabel(after.outcome);
      const key = `${from}\u0000${to}`;
      const entry = transitions.get(key) ?? { from, to, count: 0 };
      entry.count += 1;
      transitions.set(key, entry);
      parameters.add(before.outcome, after.outcome);
      if (options.onChanged) {
        let a: Pick<Decision, 'outcome' | 'fired' | 'explanation'> = before;
        let b: Pick<Decision, 'outcome' | 'fired' | 'explanation'> = after;
        if (options.explainChanged && !explain) {
          const now = record.at ? { now: record.at } : {};
          a = published.decideSync(record.facts, { ...now, explain: true });
          b = draft.decideSync(record.facts, { ...now, explain: true });
        }
        pending = options.onChanged({
          id: record.id,
          facts: record.facts,
          ...(record.at ? { at: record.at } : {}),
          published: { outcome: a.outcome, fired: a.fired, ...(a.explanation ? { explanation: a.explanation } : {}) },
          draft: { outcome: b.outcome, fired: b.fired, ...(b.explanation ? { explanation: b.explanation } : {}) },
        });
      }
    }
    if (options.onProgress && total % every === 0) {
      const changedWritten = pending;
      const progress = options.onProgress;
      const done = total;
      return changedWritten ? Promise.resolve(changedWritten).then(() => progress(done)) : progress(done);
    }
    return pending;
  };

  if ('pages' in records) {
    pages: for await (const page of records.pages) {
      for (const record of page) {
        if (options.signal?.aborted) break pages;
        const pending = decide(record);
        if (pending) await pending;
      }
    }
  } else {
    for await (const record of records) {
      if (options.signal?.aborted) break;
      const pending = decide(record);
      if (pending) await pending;
    }
  }
  return { records: total, changed, failed, transitions: [...transitions.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from)), parameterChanges: parameters.list(), ruleHits: hits };
}
