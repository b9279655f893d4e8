import type { AtomicWrite, Store, UpdateResult } from './collection.js';

/**
 * The writes of one change, collected from the repositories that know their
 * documents (`claims.grantWrites(...)`, `audit.entryWrite(...)`,
 * `workloads.addWrites(...)`, a decision's `decisionRecord`), then made as one
 * step by `commit`: all of them or none (see `Store.writeAtomically`).
 *
 * A group is built by one service call and committed once; a failed commit
 * wrote nothing, so the caller may build a new group and try again.
 */
export class WriteGroup {
  private readonly writes: AtomicWrite[] = [];
  private committed = false;

  /** Adds writes (none is fine: a repository may have nothing to write), in the order they are made. */
  add(...writes: ReadonlyArray<AtomicWrite | undefined>): this {
    if (this.committed) throw new Error('This write group was committed already');
    for (const write of writes) if (write) this.writes.push(write);
    return this;
  }

  /** How many writes the group holds. */
  get size(): number {
    return this.writes.length;
  }

  /** The position of a write in the group (as `StoreError.detail.write` names it), or -1. */
  indexOf(write: AtomicWrite): number {
    return this.writes.indexOf(write);
  }

  /**
   * Makes every write, as one step; answers each write's result in order.
   * Rejects with the store's error (`duplicate-key`, `write-conflict`), and
   * then nothing was written. An empty group writes nothing.
   */
  async commit(store: Store): Promise<UpdateResult[]> {
    if (this.committed) throw new Error('This write group was committed already');
    this.committed = true;
    if (this.writes.length === 0) return [];
    return store.writeAtomically(this.writes);
  }
}
