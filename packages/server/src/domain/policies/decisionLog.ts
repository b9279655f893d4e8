import { newId } from '../../store/newId.js';
import type { Decision, PolicyKind } from '@crm-policy/engine';
import type { AtomicWrite, Collection, Doc, Store } from '../../store/collection.js';

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
  /** Who asked, for decisions asked for directly (`POST /api/policies/:policy/decide`). */
  caller?: DecisionCaller;
}

/** The caller a directly asked decision is recorded with. */
export interface DecisionCaller {
  kind: string;
  id: string;
  name: string;
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

  /** Records a decision; answers its id (what audit entries name it by). */
  async record(policy: PolicyKind, versionId: string, facts: Readonly<Record<string, unknown>>, decision: Decision, caller?: DecisionCaller): Promise<string> {
    const { id, write } = this.recordWrite(policy, versionId, facts, decision);
    await this.decisions.insertOne({ ...(write.insertOne.document as DecisionDoc), ...(caller ? { caller } : {}) });
    return id;
  }

  /** The record of a decision as a write of a group (`WriteGroup`), unwritten, and the id it will have. */
  recordWrite(policy: PolicyKind, versionId: string, facts: Readonly<Record<string, unknown>>, decision: Decision): { id: string; write: AtomicWrite & { insertOne: { document: DecisionDoc } } } {
    const id = newId();
    const document: DecisionDoc = { _id: id, policy, version: decision.version, versionId, at: decision.decidedAt, facts: { ...facts }, outcome: decision.outcome, fired: decision.fired };
    return { id, write: { collection: this.decisions.name, insertOne: { document } } };
  }

  /**
   * Decisions of a policy in a period, in time order, in pages (for
   * streaming): each page starts at the last one's time, skipping what was
   * already given at that instant. What it yields must not be changed.
   * Pages are small: a page is held while its decisions are worked through,
   * and a large one outlives young-generation collections, each copying it.
   */
  async *pagesBetween(policy: PolicyKind, from: string, to: string, pageSize = 2_000): AsyncGenerator<ReadonlyArray<Readonly<DecisionDoc>>> {
    let at = from;
    let given = new Set<string>();
    for (;;) {
      // Read only: the embedded store answers its own documents, not copies.
      const page = await this.decisions.findReadOnly({ policy, at: { $gte: at, $lt: to } }, { sort: { at: 1, _id: 1 }, limit: pageSize + given.size });
      const fresh = page.filter((doc) => !(doc.at === at && given.has(doc._id)));
      if (fresh.length > 0) yield fresh;
      if (page.length < pageSize + given.size || fresh.length === 0) return;
      const last = fresh[fresh.length - 1]!.at;
      given = new Set([...(last === at ? given : []), ...fresh.filter((doc) => doc.at === last).map((doc) => doc._id)]);
      at = last;
    }
  }

  count(policy: PolicyKind, from: string, to: string): Promise<number> {
    return this.decisions.countDocuments({ policy, at: { $gte: from, $lt: to } });
  }
}
