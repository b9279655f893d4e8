import type { RuleFile } from '../format/ruleFile.js';

/** What a change of a rule file is worth in its version number. */
export type VersionStep = 'minor' | 'patch';

const parts = (version: string): [number, number, number] | undefined => {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
};

/** Orders two `major.minor.patch` versions (ones that do not read so come first). */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** The version after the highest of `taken`, one `step` up (a minor step resets the patch). */
export function nextVersion(taken: readonly string[], step: VersionStep): string {
  const highest = [...taken].sort(compareVersions).at(-1);
  const [major, minor, patch] = (highest && parts(highest)) || [1, 0, 0];
  return step === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}

/**
 * The step a draft is worth against the published file: `minor` when it
 * changes what the policy can decide on or how (rules or facts added or
 * removed, another hit policy), `patch` for everything else (outcome
 * parameters, conditions, priorities, descriptions, tests).
 */
export function versionStep(published: RuleFile, draft: RuleFile): VersionStep {
  const same = (a: Iterable<string>, b: Iterable<string>) => {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every((item) => right.has(item));
  };
  const rules = (file: RuleFile) => file.rules.map((rule) => rule.name);
  const facts = (file: RuleFile) => Object.keys(file.facts);
  return same(rules(published), rules(draft)) && same(facts(published), facts(draft)) && published.hitPolicy === draft.hitPolicy ? 'patch' : 'minor';
}

/** The version proposed for a draft: one step (by {@link versionStep}) above every version taken. */
export function proposeVersion(published: RuleFile, draft: RuleFile, taken: readonly string[]): string {
  return nextVersion([published.version, ...taken], versionStep(published, draft));
}
