import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { PolicyError } from '../errors.js';
import type { RuleFile } from '../format/ruleFile.js';
import { arbitraryFacts } from './arbitraryFacts.js';
import type { Decision } from './decision.js';
import type { Policy } from './createPolicy.js';

/** A fact set on which the two evaluators disagreed. */
export interface Mismatch {
  facts: Record<string, unknown>;
  now: string;
  fast: Pick<Decision, 'outcomes' | 'fired' | 'explanation'>;
  reference: Pick<Decision, 'outcomes' | 'fired' | 'explanation'>;
}

/** What the differential check compared and found. */
export interface DifferentialReport {
  /** Fact sets decided by both evaluators. */
  compared: number;
  /** Generated fact sets the declared schemas rejected (not compared). */
  rejected: number;
  mismatches: Mismatch[];
}

const FIXED_NOW = '2026-06-15T09:30:00.000Z';

const essence = (decision: Decision) => ({
  outcomes: decision.outcomes,
  fired: decision.fired,
  explanation: decision.explanation,
});

/**
 * Decides the file's own test facts and `runs` random fact sets on both the
 * compiled fast path and json-rules-engine, and reports every disagreement in
 * outcomes, fired rules or explanation (condition by condition).
 */
export async function differentialCheck(
  policy: Policy,
  file: RuleFile,
  options: { runs?: number; seed?: number; now?: string },
): Promise<DifferentialReport> {
  const now = options.now ?? FIXED_NOW;
  const generated = fc.sample(arbitraryFacts(file, Date.parse(now)), {
    numRuns: options.runs ?? 60,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const samples = [
    ...(file.tests ?? []).map((test) => ({ facts: test.facts, now: test.now ?? now })),
    ...generated.map((facts) => ({ facts, now })),
  ];
  const report: DifferentialReport = { compared: 0, rejected: 0, mismatches: [] };
  for (const sample of samples) {
    let fast: Decision;
    try {
      fast = await policy.decide(sample.facts, { engine: 'fast', now: sample.now });
    } catch (error) {
      if (error instanceof PolicyError && error.code === 'invalid-facts') {
        report.rejected += 1;
        continue;
      }
      throw error;
    }
    const reference = await policy.decide(sample.facts, { engine: 'reference', now: sample.now });
    report.compared += 1;
    if (!isDeepStrictEqual(essence(fast), essence(reference))) {
      report.mismatches.push({ facts: sample.facts, now: sample.now, fast: essence(fast), reference: essence(reference) });
    }
  }
  return report;
}
