import type { Explanation, Policy, PolicyEvent, PolicyKind } from '@crm-policy/engine';
import { createPolicy } from '@crm-policy/engine';
import type { AuditEntry } from '../audit/auditLog.js';
import type { DecisionLog } from './decisionLog.js';
import type { PolicyVersions } from './policyVersions.js';

/** What an audit entry shows of the decision it names. */
interface ShownDecision {
  policy: PolicyKind;
  policyVersion: string;
  outcomes: PolicyEvent[];
  fired: string[];
  explanation: Explanation;
}

/** How many compiled policy versions are kept for explaining (the versions of one audit page, most often one). */
const KEPT_VERSIONS = 16;

/**
 * The explanation of a recorded decision, made again when asked for rather
 * than stored: the decision log keeps the facts, the time and the stored
 * version that decided, and a version never changes, so deciding those facts
 * at that time with that version explains it exactly as it was explained then.
 * An audit entry names its decision (`data.decisionId`) instead of carrying a
 * copy of the explanation, the outcomes and the rules fired: the largest part
 * of what a registration wrote.
 */
export class DecisionExplanations {
  private readonly compiled = new Map<string, Promise<Policy | null>>();

  constructor(private readonly deps: { log: DecisionLog; versions: PolicyVersions }) {}

  /** The explanations of recorded decisions by id; a decision (or its version) no longer stored is left out. */
  async explain(ids: readonly string[]): Promise<Map<string, Explanation>> {
    const explained = new Map<string, Explanation>();
    for (const [id, shown] of await this.decisions(ids)) explained.set(id, shown.explanation);
    return explained;
  }

  /** What an audit entry showed of each recorded decision by id, decided again; a decision (or its version) no longer stored is left out. */
  private async decisions(ids: readonly string[]): Promise<Map<string, ShownDecision>> {
    const shown = new Map<string, ShownDecision>();
    if (ids.length === 0) return shown;
    for (const record of await this.deps.log.decisions.find({ _id: { $in: [...new Set(ids)] } })) {
      const policy = await this.version(record.versionId);
      const decision = policy && (await policy.decide(record.facts, { now: record.at }));
      if (!decision?.explanation) continue;
      shown.set(record._id, { policy: record.policy, policyVersion: record.version, outcomes: decision.outcomes, fired: record.fired, explanation: decision.explanation });
    }
    return shown;
  }

  /**
   * Audit entries as they were shown when they carried a copy of their
   * decision: each entry naming a decision gets back the policy, its version,
   * the outcomes, the rules fired and the explanation (what the entry stores
   * itself is kept as stored).
   */
  async attach(entries: readonly AuditEntry[]): Promise<AuditEntry[]> {
    const named = (entry: AuditEntry) => (typeof entry.data['decisionId'] === 'string' && !('explanation' in entry.data) ? (entry.data['decisionId'] as string) : undefined);
    const shown = await this.decisions(entries.map(named).filter((id): id is string => id !== undefined));
    return entries.map((entry) => {
      const decision = shown.get(named(entry) ?? '');
      return decision ? { ...entry, data: { ...decision, ...entry.data } } : entry;
    });
  }

  private version(id: string): Promise<Policy | null> {
    let policy = this.compiled.get(id);
    if (!policy) {
      policy = this.deps.versions.versions.findOne({ _id: id }).then((doc) => (doc ? createPolicy(doc.file, { verify: false }) : null));
      // A failed read is not kept.
      policy.catch(() => this.compiled.delete(id));
      this.compiled.set(id, policy);
      if (this.compiled.size > KEPT_VERSIONS) this.compiled.delete(this.compiled.keys().next().value!);
    }
    return policy;
  }
}
