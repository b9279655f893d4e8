import type { Explanation, Policy } from '@crm-policy/engine';
import { createPolicy } from '@crm-policy/engine';
import type { AuditEntry } from '../audit/auditLog.js';
import type { DecisionLog } from './decisionLog.js';
import type { PolicyVersions } from './policyVersions.js';

/** How many compiled policy versions are kept for explaining (the versions of one audit page, most often one). */
const KEPT_VERSIONS = 16;

/**
 * The explanation of a recorded decision, made again when asked for rather
 * than stored: the decision log keeps the facts, the time and the stored
 * version that decided, and a version never changes, so deciding those facts
 * at that time with that version explains it exactly as it was explained then.
 * An audit entry names its decision (`data.decisionId`) instead of carrying a
 * copy of the explanation, the largest part of what a registration wrote.
 */
export class DecisionExplanations {
  private readonly compiled = new Map<string, Promise<Policy | null>>();

  constructor(private readonly deps: { log: DecisionLog; versions: PolicyVersions }) {}

  /** The explanations of recorded decisions by id; a decision (or its version) no longer stored is left out. */
  async explain(ids: readonly string[]): Promise<Map<string, Explanation>> {
    const explained = new Map<string, Explanation>();
    if (ids.length === 0) return explained;
    for (const record of await this.deps.log.decisions.find({ _id: { $in: [...new Set(ids)] } })) {
      const policy = await this.version(record.versionId);
      const decision = policy && (await policy.decide(record.facts, { now: record.at }));
      if (decision?.explanation) explained.set(record._id, decision.explanation);
    }
    return explained;
  }

  /** Audit entries as they were shown when they carried the explanation: each entry naming a decision gets it back in `data.explanation`. */
  async attach(entries: readonly AuditEntry[]): Promise<AuditEntry[]> {
    const named = (entry: AuditEntry) => (typeof entry.data['decisionId'] === 'string' && !('explanation' in entry.data) ? (entry.data['decisionId'] as string) : undefined);
    const explained = await this.explain(entries.map(named).filter((id): id is string => id !== undefined));
    return entries.map((entry) => {
      const explanation = explained.get(named(entry) ?? '');
      return explanation ? { ...entry, data: { ...entry.data, explanation } } : entry;
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
