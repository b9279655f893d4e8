import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../http/apiError.js';
import type { Collection, Filter, Store } from '../../store/collection.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimDoc, ClaimStatus, CollisionDoc, CustomerDoc } from './claimDocs.js';

const DAY_MS = 86_400_000;

/** What each role may see: a rep their own, a manager their teams', an admin everything. */
export function claimScope(principal: Principal): Filter {
  if (principal.role === 'admin') return {};
  if (principal.role === 'manager') return { team: { $in: principal.teams } };
  return { repId: principal.id };
}

/** Claims and customers: listing, release, follow-ups, and the indexes that keep them consistent. */
export class ClaimsService {
  readonly claims: Collection<ClaimDoc>;
  readonly customers: Collection<CustomerDoc>;
  readonly collisions: Collection<CollisionDoc>;

  constructor(
    store: Store,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {
    this.claims = store.collection<ClaimDoc>('claims');
    this.customers = store.collection<CustomerDoc>('customers');
    this.collisions = store.collection<CollisionDoc>('collisions');
  }

  async createIndexes(): Promise<void> {
    // The store itself makes a second active claim on a customer impossible.
    await this.claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
    await this.claims.createIndex({ name: 'claims_by_customer', keys: { customerId: 1, status: 1 } });
    await this.claims.createIndex({ name: 'claims_by_rep', keys: { repId: 1, status: 1 } });
    await this.claims.createIndex({ name: 'claims_by_team', keys: { team: 1, status: 1 } });
    await this.customers.createIndex({ name: 'customer_name_key_unique', keys: { nameKey: 1 }, unique: true });
    await this.customers.createIndex({ name: 'customer_credit_code_unique', keys: { creditCode: 1 }, unique: true, partialFilterExpression: { creditCode: { $type: 'string' } } });
    await this.customers.createIndex({ name: 'customer_credit_code', keys: { creditCode: 1 } });
    await this.customers.createIndex({ name: 'customer_phone', keys: { phoneKey: 1 } });
    await this.collisions.createIndex({ name: 'collisions_by_registrant', keys: { registrantId: 1 } });
  }

  list(principal: Principal, status?: ClaimStatus): Promise<ClaimDoc[]> {
    return this.claims.find({ ...claimScope(principal), ...(status ? { status } : {}) }, { sort: { grantedAt: -1 }, limit: 500 });
  }

  /** A claim the caller may act on, or 404 (never revealing claims outside the caller's scope). */
  private async claimInScope(principal: Principal, claimId: string): Promise<ClaimDoc> {
    const claim = await this.claims.findOne({ _id: claimId, ...claimScope(principal) });
    if (!claim) throw new ApiError('not-found', 'No such claim');
    return claim;
  }

  async release(principal: Principal, claimId: string, reason: string | undefined): Promise<ClaimDoc> {
    const claim = await this.claimInScope(principal, claimId);
    const now = this.clock().toISOString();
    const released = await this.claims.findOneAndUpdate({ _id: claim._id, status: 'active' }, { $set: { status: 'released', endedAt: now } });
    if (!released) throw new ApiError('conflict', `The claim is ${claim.status}, not active`);
    await this.audit.record({ actor: principal, action: 'claim.released', subject: claim._id, data: { customerId: claim.customerId, reason: reason ?? null }, teams: [claim.team] });
    return released;
  }

  /** Logs a follow-up; protection runs again for the claim's period from today, never shorter than it was. */
  async followUp(principal: Principal, claimId: string, note: string): Promise<ClaimDoc> {
    const claim = await this.claimInScope(principal, claimId);
    const now = this.clock();
    const extended = new Date(now.getTime() + claim.protectionDays * DAY_MS).toISOString();
    const followUp = { at: now.toISOString(), by: principal.id, note };
    const updated = await this.claims.findOneAndUpdate(
      { _id: claim._id, status: 'active' },
      { $push: { followUps: followUp }, $max: { expiresAt: extended } },
    );
    if (!updated) throw new ApiError('conflict', `The claim is ${claim.status}, not active`);
    await this.audit.record({ actor: principal, action: 'claim.follow-up', subject: claim._id, data: { note, expiresAt: updated.expiresAt }, teams: [claim.team] });
    return updated;
  }
}
