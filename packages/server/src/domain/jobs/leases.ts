import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';

/** Who holds a named lease, and until when. */
export interface LeaseDoc extends Doc {
  holder: string;
  until: string;
}

/**
 * Named leases in the store: at most one process holds a lease at a time, so
 * work guarded by it (a scheduled job, the event relay) runs once across
 * every process sharing the store. A holder that stops renewing loses the
 * lease when it runs out, and another process takes it over.
 */
export class Leases {
  readonly leases: Collection<LeaseDoc>;
  /** This process: host, pid and a random tail (a restarted process is a new holder). */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly held = new Map<string, number>();
  private readonly since = new Map<string, number>();

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.leases = store.collection<LeaseDoc>('leases');
  }

  /**
   * Takes or renews a lease for `ttlMs`; true when this process holds it.
   * Renewal is skipped (no write) while more than half of the lease is left.
   */
  async acquire(name: string, ttlMs: number): Promise<boolean> {
    const now = this.clock().getTime();
    const until = this.held.get(name);
    if (until !== undefined && until - now > ttlMs / 2) return true;
    const next = new Date(now + ttlMs).toISOString();
    try {
      const taken = await this.leases.findOneAndUpdate(
        { _id: name, $or: [{ holder: this.holder }, { until: { $lt: new Date(now).toISOString() } }] },
        { $set: { holder: this.holder, until: next } },
        { upsert: true },
      );
      if (taken?.holder === this.holder) {
        // Held without a break since then (another process may have held it before).
        if (until === undefined || until < now) this.since.set(name, now);
        this.held.set(name, now + ttlMs);
        return true;
      }
    } catch (error) {
      // The lease exists and someone else holds it: the upsert's insert met the unique _id.
      if (!isDuplicateKey(error)) throw error;
    }
    this.held.delete(name);
    return false;
  }

  /** When this process's current, unbroken holding of a lease began. */
  heldSince(name: string): number | undefined {
    return this.held.has(name) ? this.since.get(name) : undefined;
  }

  /** Gives a lease up now (a stopping process), so another takes it without waiting. */
  async release(name: string): Promise<void> {
    this.held.delete(name);
    await this.leases.deleteOne({ _id: name, holder: this.holder });
  }

  /** Gives up every lease this process holds. */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.keys()].map((name) => this.release(name)));
  }
}
