import type { DecideOptions, Decision, Explanation, Policy, PolicyKind } from '@crm-policy/engine';
import type { Metrics } from '../../operations/metrics.js';
import { createPolicy, POLICY_KINDS } from '@crm-policy/engine';
import type { Logger } from '../../logger.js';
import type { AtomicWrite } from '../../store/collection.js';
import type { DecisionLog } from './decisionLog.js';
import type { PolicyVersions } from './policyVersions.js';

/** A decision as a live policy answers it: with the id it was recorded under in the decision log (none for an `error` outcome, which is not recorded). */
export type RecordedDecision = Decision & { decisionId?: string };

/**
 * A decision whose record is left to the caller: `decisionRecord` is the
 * decision log's document as a write, to be added to the group that makes
 * the change the decision allowed (`WriteGroup`), so both are stored or
 * neither. `decisionId` is the id it will have. Never sent to API callers as it is (it holds the facts).
 */
export type DeferredDecision = RecordedDecision & { decisionRecord?: AtomicWrite };

/** How a live policy records what it decides: at once (the default), or `deferred` to the caller's write group. */
export interface LiveDecideOptions extends DecideOptions {
  record?: 'now' | 'deferred';
}

/** A policy as services use it: the published version at the moment of the call, each decision recorded with its facts. */
export interface LivePolicy {
  readonly ruleFile: Policy['ruleFile'];
  /** The stored version deciding now. */
  readonly versionId: string;
  decide(facts: Readonly<Record<string, unknown>>, options: LiveDecideOptions & { record: 'deferred' }): Promise<DeferredDecision>;
  decide(facts: Readonly<Record<string, unknown>>, options?: LiveDecideOptions): Promise<RecordedDecision>;
  decideSync(facts: Readonly<Record<string, unknown>>, options?: Omit<DecideOptions, 'engine'>): Decision;
  /** The explanation of a decision taken without one (`explain: false`): the same facts and time, this same version, decided again; nothing recorded. */
  explain(facts: Readonly<Record<string, unknown>>, now: Date): Promise<Explanation | undefined>;
}

interface Loaded {
  versionId: string;
  serial: number;
  policy: Policy;
}

/**
 * The published policies of this process, compiled. `refresh()` reads the
 * heads and swaps in a newly published version as one reference: a decision
 * already running keeps the version it started with, so none is decided by a
 * mix. The server refreshes every second and right after its own publishes.
 */
export class LivePolicies {
  private readonly loaded = new Map<PolicyKind, Loaded>();

  constructor(private readonly deps: { versions: PolicyVersions; log: DecisionLog; logger: Logger; metrics?: Metrics }) {}

  async refresh(): Promise<PolicyKind[]> {
    const changed: PolicyKind[] = [];
    for (const head of await this.deps.versions.heads.find({})) {
      const kind = head._id as PolicyKind;
      const current = this.loaded.get(kind);
      if (current && current.versionId === head.publishedId) continue;
      const doc = await this.deps.versions.versions.findOne({ _id: head.publishedId });
      if (!doc) continue;
      const policy = await createPolicy(doc.file, { verify: false });
      this.loaded.set(kind, { versionId: doc._id, serial: head.serial, policy });
      this.deps.metrics?.policyInForce(kind, doc.version, doc._id);
      if (current) this.deps.logger.info('policy version in force', { policy: kind, version: doc.version });
      changed.push(kind);
    }
    return changed;
  }

  /** The compiled published version of a policy (loaded by `refresh`). */
  current(kind: PolicyKind): Loaded {
    const loaded = this.loaded.get(kind);
    if (!loaded) throw new Error(`No published ${kind} policy is loaded`);
    return loaded;
  }

  /** What services call: decisions go to the version in force and are recorded. */
  live(kind: PolicyKind): () => LivePolicy {
    return () => {
      const { policy, versionId } = this.current(kind);
      return {
        ruleFile: policy.ruleFile,
        versionId,
        decide: async (facts: Readonly<Record<string, unknown>>, options: LiveDecideOptions = {}): Promise<DeferredDecision> => {
          const { record = 'now', ...decideOptions } = options;
          const decision = await policy.decide(facts, decideOptions);
          this.deps.metrics?.decision(kind, decision.outcome.type);
          if (decision.outcome.type === 'error') return decision;
          if (record === 'now') return { ...decision, decisionId: await this.deps.log.record(kind, versionId, facts, decision) };
          const { id, write } = this.deps.log.recordWrite(kind, versionId, facts, decision);
          return { ...decision, decisionId: id, decisionRecord: write };
        },
        decideSync: (facts, options) => policy.decideSync(facts, options),
        explain: async (facts, now) => (await policy.decide(facts, { now, explain: true })).explanation,
      };
    };
  }

  kinds(): readonly PolicyKind[] {
    return POLICY_KINDS;
  }
}
