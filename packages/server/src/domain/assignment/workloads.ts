import type { AtomicWrite, Collection, Doc, Store } from '../../store/collection.js';

/** A member's load: active customers they own, and the same weighted by grade. */
export interface WorkloadDoc extends Doc {
  active: number;
  weighted: number;
}

/** What one customer of a grade weighs in a member's load: an A counts more than a D. */
export const GRADE_WEIGHTS: Readonly<Record<string, number>> = { A: 4, B: 3, C: 2, D: 1 };

export const gradeWeight = (grade: string | undefined): number => GRADE_WEIGHTS[grade ?? ''] ?? 2;

/**
 * Members' loads, kept as counters the store updates atomically: a
 * reservation is one conditional update (`active < capacity`), so concurrent
 * assignments can never take a member over their capacity.
 */
export class Workloads {
  readonly loads: Collection<WorkloadDoc>;

  constructor(store: Store) {
    this.loads = store.collection<WorkloadDoc>('workloads');
  }

  /** Makes sure each member has a counter (a conditional reservation cannot create one). */
  async ensure(userIds: readonly string[]): Promise<void> {
    for (const _id of userIds) await this.loads.updateOne({ _id }, { $setOnInsert: { active: 0, weighted: 0 } }, { upsert: true });
  }

  /** Takes one customer for a member if they are under capacity; false when full. */
  async reserve(userId: string, capacity: number, weight: number): Promise<boolean> {
    const taken = await this.loads.findOneAndUpdate({ _id: userId, active: { $lt: capacity } }, { $inc: { active: 1, weighted: weight } });
    return taken !== null;
  }

  /** Adds customers to members' loads without a cap (a registration: the claim policy caps those). */
  async add(userIds: readonly string[], weight: number): Promise<void> {
    for (const _id of userIds) await this.loads.updateOne({ _id }, { $inc: { active: 1, weighted: weight } }, { upsert: true });
  }

  /** `add` as writes of a group. */
  addWrites(userIds: readonly string[], weight: number): AtomicWrite[] {
    return userIds.map((_id) => ({ collection: this.loads.name, updateOne: { filter: { _id }, update: { $inc: { active: 1, weighted: weight } }, upsert: true } }));
  }

  /** Gives back what `reserve` or `add` took. */
  async release(userIds: readonly string[], weight: number): Promise<void> {
    for (const _id of userIds) await this.loads.updateOne({ _id }, { $inc: { active: -1, weighted: -weight } });
  }

  /** `release` as writes of a group. */
  releaseWrites(userIds: readonly string[], weight: number): AtomicWrite[] {
    return userIds.map((_id) => ({ collection: this.loads.name, updateOne: { filter: { _id }, update: { $inc: { active: -1, weighted: -weight } } } }));
  }

  /**
   * `reserve` as a write of a group: the group fails with a `write-conflict`
   * naming this write when the member is full (or has no counter), and then
   * nothing of it was written.
   */
  reserveWrite(userId: string, capacity: number, weight: number): AtomicWrite {
    return { collection: this.loads.name, updateOne: { filter: { _id: userId, active: { $lt: capacity } }, update: { $inc: { active: 1, weighted: weight } }, mustMatch: true } };
  }

  async of(userIds: readonly string[]): Promise<Map<string, WorkloadDoc>> {
    const found = await this.loads.find({ _id: { $in: [...userIds] } });
    return new Map(found.map((load) => [load._id, load]));
  }

  /** Sets every counter from the claims themselves (at start: counters a crash left behind are corrected). */
  async recount(active: ReadonlyArray<{ ownerIds: string[]; weight: number }>): Promise<void> {
    const totals = new Map<string, { active: number; weighted: number }>();
    for (const claim of active) {
      for (const id of claim.ownerIds) {
        const total = totals.get(id) ?? { active: 0, weighted: 0 };
        total.active += 1;
        total.weighted += claim.weight;
        totals.set(id, total);
      }
    }
    for (const load of await this.loads.find({}, { projection: { _id: 1 } })) if (!totals.has(load._id)) totals.set(load._id, { active: 0, weighted: 0 });
    for (const [_id, total] of totals) await this.loads.updateOne({ _id }, { $set: total }, { upsert: true });
  }
}
