import { randomUUID } from 'node:crypto';
import type { Decision, PolicyKind } from '@crm-policy/engine';
import type { Collection, Doc, Filter, Store } from '../../store/collection.js';

/** One decision as made: the facts it was given and what it decided, by which version. Simulations replay these. */
export interface DecisionDoc extends Doc {
  policy: PolicyKind;
  version: string;
  /** The stored policy version (`policyVersions` id) that decided. */
  versionId: string;
  at: string;
  facts: Record<string, unknown>;
  outcome: Decision['outcome'];
  fired: string[];
}

/** The record of decisions made through the server, oldest first by `at`. */
export class DecisionLog {
  readonly decisions: Collection<DecisionDoc>;

  constructor(store: Store) {
    this.decisions = store.collection<DecisionDoc>('decisions');
  }

  async createIndexes(): Promise<void> {
    await this.decisions.createIndex({ name: 'decisions_by_policy_time', keys: { policy: 1, at: 1 } });
  }

  async record(policy: PolicyKind, versionId: string, facts: Readonly<Record<string, unknown>>, decision: Decision): Promise<void> {
    await this.decisions.insertOne({ _id: randomUUID(), policy, version: decision.version, versionId, at: decision.decidedAt, facts: { ...facts }, outcome: decision.outcome, fired: decision.fired });
  }

  /** Decisions of a policy in a period, a page at a time in time order (for streaming). */
  async *between(policy: PolicyKind, from: string, to: string, pageSize = 1000): AsyncGenerator<DecisionDoc> {
    let after: { at: string; id: string } | undefined;
    for (;;) {
      const filter: Filter = { policy, at: { $gte: from, $lt: to } };
      if (after) filter['$or'] = [{ at: { $gt: after.at } }, { at: after.at, _id: { $gt: after.id } }];
      const page = await this.decisions.find(filter, { sort: { at: 1, _id: 1 }, limit: pageSize });
      for (const doc of page) yield doc;
      if (page.length < pageSize) return;
      const last = page[page.length - 1]!;
      after = { at: last.at, id: last._id };
    }
  }

  count(policy: PolicyKind, from: string, to: string): Promise<number> {
    return this.decisions.countDocuments({ policy, at: { $gte: from, $lt: to } });
  }
}
