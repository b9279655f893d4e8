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
   * Decisions of a policy in a period, in time order, in pages of their JSON
   * text (for streaming to a simulation's worker thread, which parses them):
   * each page starts at the last one's time, skipping what was already given
   * at that instant. Only the documents at a page's edges are parsed here,
   * to find those. Pages are small: a page is held while its decisions are
   * worked through, and a large one outlives young-generation collections,
   * each copying it.
   */
  async *jsonPagesBetween(policy: PolicyKind, from: string, to: string, pageSize = 2_000): AsyncGenerator<string[]> {
    const edge = (json: string) => JSON.parse(json) as Pick<DecisionDoc, '_id' | 'at'>;
    let at = from;
    let given = new Set<string>();
    for (;;) {
      const page = await this.decisions.findJson({ policy, at: { $gte: at, $lt: to } }, { sort: { at: 1, _id: 1 }, limit: pageSize + given.size });
      // What was given comes first: the page is in time order, and it was given at `at`, where the page starts.
      let head = 0;
      const kept: string[] = [];
      for (; head < page.length && given.size > 0; head += 1) {
        const doc = edge(page[head]!);
        if (doc.at !== at) break;
        if (!given.has(doc._id)) kept.push(page[head]!);
      }
      const fresh = head === 0 ? page : [...kept, ...page.slice(head)];
      if (fresh.length > 0) yield fresh;
      if (page.length < pageSize + given.size || fresh.length === 0) return;
      // The decisions given at the page's last instant, parsed from the end back.
      const tail: string[] = [];
      const last = edge(fresh[fresh.length - 1]!).at;
      for (let i = fresh.length - 1; i >= 0; i -= 1) {
        const doc = edge(fresh[i]!);
        if (doc.at !== last) break;
        tail.push(doc._id);
      }
      given = new Set([...(last === at ? given : []), ...tail]);
      at = last;
    }
  }

  count(policy: PolicyKind, from: string, to: string): Promise<number> {
    return this.decisions.countDocuments({ policy, at: { $gte: from, $lt: to } });
  }
}
