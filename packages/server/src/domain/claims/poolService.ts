import { newId } from '../../store/newId.js';
import { listPool } from './poolListing.js';
import type { PoolEntry, PoolQuery } from './poolListing.js';
import { systemPrincipal } from '../../auth/principal.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { isWriteConflict } from '../../store/storeError.js';
import { WriteGroup } from '../../store/writeGroup.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimsService } from './claimsService.js';
import { claimEvent } from './claimsService.js';

export type { PoolEntry, PoolQuery, PoolSort, PoolReason } from './poolListing.js';
export { POOL_SORTS, POOL_REASONS } from './poolListing.js';

const DAY_MS = 86_400_000;

/** A note to a rep that one of their claims is about to lapse. */
export interface ReminderDoc extends Doc {
  repId: string;
  claimId: string;
  customerName: string;
  lapsesAt: string;
  createdAt: string;
}

const SYSTEM = systemPrincipal('System', 'admin');

/** The public pool: customers nobody holds and nobody is routing, and the job that returns expired claims to it. */
export class PoolService {
  readonly reminders: Collection<ReminderDoc>;

  constructor(
    private readonly store: Store,
    private readonly claims: ClaimsService,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
    /** Customers waiting to be routed: they are the organisation's, not the pool's. */
    private readonly queuedIds: () => Promise<string[]> = async () => [],
  ) {
    this.reminders = store.collection<ReminderDoc>('reminders');
  }

  /** A page of the pool, filtered and ordered as asked, with how many match in all (see `listPool`). */
  async list(query: PoolQuery = {}): Promise<{ customers: PoolEntry[]; total: number }> {
    const held = await this.claims.claims.find({ holding: true }, { projection: { customerId: 1 } });
    return listPool(this.claims, [...held.map((claim) => claim.customerId), ...(await this.queuedIds())], query);
  }

  /**
   * Ends every active claim whose protection ran out or whose deal deadline
   * passed, unless a deal is open; each ends once, even when several processes
   * run the job at the same time.
   */
  async expireClaims(): Promise<number> {
    const now = this.clock().toISOString();
    const due = { status: 'active', locked: { $ne: true }, $or: [{ expiresAt: { $lte: now } }, { dealDeadline: { $lte: now } }] };
    let expired = 0;
    for (;;) {
      const batch = await this.claims.claims.find(due, { sort: { expiresAt: 1 }, limit: 100, projection: { _id: 1 } });
      let ended = 0;
      for (const { _id } of batch) {
        // Another process (or a follow-up) may have got there first: then the claim is no longer due.
        const claim = await this.claims.end(_id, 'expired', due, (done) => [
          this.audit.entryWrite({ actor: SYSTEM, action: 'claim.expired', subject: done._id, data: { customerId: done.customerId, repId: done.repId }, teams: [done.team] }),
        ]);
        if (!claim) continue;
        ended += 1;
      }
      expired += ended;
      if (batch.length < 100 || ended === 0) return expired;
    }
  }

  /** Reminds holders of claims about to lapse (the policy's remindDaysBefore), once per lapse date. */
  async remind(): Promise<number> {
    const now = this.clock();
    const horizon = new Date(now.getTime() + 60 * DAY_MS).toISOString();
    const soon = await this.claims.claims.find({ status: 'active', locked: { $ne: true }, remindDaysBefore: { $gt: 0 }, expiresAt: { $lte: horizon } });
    let sent = 0;
    for (const claim of soon) {
      const lapse = claim.dealDeadline && claim.dealDeadline < claim.expiresAt ? claim.dealDeadline : claim.expiresAt;
      if (claim.remindedFor === lapse || Date.parse(lapse) - (claim.remindDaysBefore ?? 0) * DAY_MS > now.getTime()) continue;
      // The claim is marked and the reminder written together: a reminder is never lost, nor sent twice.
      const reminder: ReminderDoc = { _id: newId(), repId: claim.repId, claimId: claim._id, customerName: claim.customerName, lapsesAt: lapse, createdAt: now.toISOString() };
      // The mark carries the event that tells the owners (in the app and their team's chat).
      const expiring = this.claims.outbox.stage('claim.expiring', { ...claimEvent(claim), lapsesAt: lapse, remindDaysBefore: claim.remindDaysBefore ?? 0 });
      try {
        await new WriteGroup()
          .add(...this.claims.outbox.updateWrites(this.claims.claims.name, { filter: { _id: claim._id, remindedFor: { $ne: lapse } }, update: { $set: { remindedFor: lapse } }, mustMatch: true }, [expiring]))
          .add({ collection: this.reminders.name, insertOne: { document: reminder } })
          .commit(this.store);
      } catch (error) {
        if (isWriteConflict(error)) continue;
        throw error;
      }
      sent += 1;
    }
    return sent;
  }

  /** A rep's reminders, newest first. */
  remindersOf(repId: string): Promise<ReminderDoc[]> {
    return this.reminders.find({ repId }, { sort: { createdAt: -1 }, limit: 200 });
  }
}
