import type { Outbox } from '../events/outbox.js';
import type { StagedEvent } from '../events/stagedEvents.js';
import { withoutStaged } from '../events/stagedEvents.js';
import { newId } from '../../store/newId.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { AtomicWrite, Collection, Filter, Store } from '../../store/collection.js';
import { isWriteConflict } from '../../store/storeError.js';
import { WriteGroup } from '../../store/writeGroup.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimDoc, ClaimStatus, CollisionDoc, CustomerDoc, Owner } from './claimDocs.js';
import { gradeWeight } from '../assignment/workloads.js';
import type { Workloads } from '../assignment/workloads.js';

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** What each role may see: a rep their own, a manager their teams', an admin everything. */
export function claimScope(principal: Principal): Filter {
  if (principal.role === 'admin') return {};
  if (principal.role === 'manager') return { team: { $in: principal.teams } };
  return { $or: [{ repId: principal.id }, { ownerIds: principal.id }] };
}

/** Everything a new claim needs; the service fills in the rest. */
export interface GrantInput {
  customer: Pick<CustomerDoc, '_id' | 'name' | 'grade' | 'templateVersion'>;
  holder: { id: string; name: string; team: string; teamName: string };
  source: ClaimDoc['source'];
  protectionDays: number;
  dealDays?: number;
  remindDaysBefore?: number;
  policyVersion: string;
  review?: ClaimDoc['review'];
  /** The owners (assignment); without them the holder is the only owner. */
  owners?: Owner[];
  /** The owners' loads were already reserved by the balancer. */
  reserved?: boolean;
  /** The claim never lapses (an assigned customer stays with its owners until the contract is signed). */
  noExpiry?: boolean;
  priority?: number;
  assignment?: ClaimDoc['assignment'];
  /** Events to write with the claim besides claim.created (assignment.changed). */
  events?: (claim: ClaimDoc) => StagedEvent[];
}

/** How a claim ends. */
export type EndStatus = Extract<ClaimStatus, 'released' | 'expired' | 'transferred'>;

/** How often an optimistic write is tried again when the claim changed between read and write. */
const RETRIES = 5;

/** The unique index that lets one claim at a time hold a customer: a `duplicate-key` naming it means someone holds the customer. */
export const ONE_HOLDER_INDEX = 'one_holder_per_customer';

/** The unique indexes of a customer's legal identity: a `duplicate-key` naming one means the customer was just stored by someone else. */
export const CUSTOMER_IDENTITY_INDEXES: readonly string[] = ['customer_name_key_unique', 'customer_credit_code_unique'];

/** A claim's change as writes of a group, and the claim as it will be once they are made. */
export interface ClaimWrites {
  claim: ClaimDoc;
  writes: AtomicWrite[];
}

/** The lapse date of a claim that never lapses. */
export const NEVER = '9999-12-31T23:59:59.999Z';

/** Claims and customers: granting, ending, follow-ups, deals, conversion, transfer, and the indexes that keep them consistent. */
/** What a claim event carries: which claim, whose, until when; never the customer's registration fields. */
export function claimEvent(claim: ClaimDoc): Record<string, unknown> {
  return {
    claimId: claim._id,
    customerId: claim.customerId,
    customerName: claim.customerName,
    status: claim.status,
    source: claim.source,
    grade: claim.grade,
    holder: { repId: claim.repId, repName: claim.repName, team: claim.team, teamName: claim.teamName },
    owners: claim.owners ?? [],
    grantedAt: claim.grantedAt,
    expiresAt: claim.expiresAt,
    ...(claim.endedAt ? { endedAt: claim.endedAt } : {}),
    ...(claim.convertedAt ? { convertedAt: claim.convertedAt } : {}),
  };
}

export class ClaimsService {
  readonly claims: Collection<ClaimDoc>;
  readonly customers: Collection<CustomerDoc>;
  readonly collisions: Collection<CollisionDoc>;

  constructor(
    readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
    readonly workloads: Workloads,
    /** Where claim.created, claim.released, claim.expired and claim.converted are published. */
    readonly outbox: Outbox,
  ) {
    this.claims = store.collection<ClaimDoc>('claims');
    this.customers = store.collection<CustomerDoc>('customers');
    this.collisions = store.collection<CollisionDoc>('collisions');
  }

  async createIndexes(): Promise<void> {
    // The store itself makes a second holder of a customer impossible (active or converted claims).
    await this.claims.createIndex({ name: ONE_HOLDER_INDEX, keys: { customerId: 1 }, unique: true, partialFilterExpression: { holding: true } });
    await this.claims.createIndex({ name: 'claims_by_customer', keys: { customerId: 1, status: 1 } });
    await this.claims.createIndex({ name: 'claims_by_rep', keys: { repId: 1, status: 1 } });
    await this.claims.createIndex({ name: 'claims_by_owner', keys: { ownerIds: 1 } });
    await this.claims.createIndex({ name: 'claims_by_team', keys: { team: 1, status: 1 } });
    await this.claims.createIndex({ name: 'claims_by_status', keys: { status: 1, expiresAt: 1 } });
    await this.customers.createIndex({ name: 'customer_name_key_unique', keys: { nameKey: 1 }, unique: true });
    await this.customers.createIndex({ name: 'customer_credit_code_unique', keys: { creditCode: 1 }, unique: true, partialFilterExpression: { creditCode: { $type: 'string' } } });
    await this.collisions.createIndex({ name: 'collisions_by_registrant', keys: { registrantId: 1 } });
  }

  /** Inserts a holding claim, with its owners' loads; rejects with `duplicate-key` (`ONE_HOLDER_INDEX`) when someone holds the customer. */
  async grant(input: GrantInput): Promise<ClaimDoc> {
    const { claim, writes } = this.grantWrites(input);
    await new WriteGroup().add(...writes).commit(this.store);
    return claim;
  }

  /**
   * A new holding claim as writes of a group: the claim carrying its
   * claim.created event (and `input.events`), and its owners' loads unless
   * `reserved`. The group fails with `duplicate-key` (`ONE_HOLDER_INDEX`)
   * when someone holds the customer.
   */
  grantWrites(input: GrantInput): ClaimWrites {
    const now = this.clock().toISOString();
    const dealDeadline = input.dealDays ? addDays(now, input.dealDays) : undefined;
    const protection = input.noExpiry ? NEVER : addDays(now, input.protectionDays);
    const owners = input.owners ?? [{ repId: input.holder.id, repName: input.holder.name, role: 'holder' as const }];
    const weight = gradeWeight(input.customer.grade);
    const claim: ClaimDoc = {
      _id: newId(),
      customerId: input.customer._id,
      customerName: input.customer.name,
      repId: input.holder.id,
      repName: input.holder.name,
      team: input.holder.team,
      teamName: input.holder.teamName,
      grade: input.customer.grade,
      status: 'active',
      holding: true,
      source: input.source,
      owners,
      ownerIds: owners.map((owner) => owner.repId),
      weight,
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.assignment ? { assignment: input.assignment } : {}),
      protectionDays: input.protectionDays,
      grantedAt: now,
      expiresAt: dealDeadline && dealDeadline < protection ? dealDeadline : protection,
      ...(dealDeadline ? { dealDeadline } : {}),
      ...(input.remindDaysBefore ? { remindDaysBefore: input.remindDaysBefore } : {}),
      followUps: [],
      ...(input.review ? { review: input.review } : {}),
      policyVersion: input.policyVersion,
      templateVersion: input.customer.templateVersion,
    };
    const events = [this.outbox.stage('claim.created', claimEvent(claim)), ...(input.events?.(claim) ?? [])];
    return {
      claim,
      writes: [...this.outbox.insertWrites(this.claims.name, claim, events), ...(input.reserved ? [] : this.workloads.addWrites(claim.ownerIds ?? [], weight))],
    };
  }

  /** Gives a claim's weight back to its owners' loads (it ended, or the contract was signed). */
  async unload(claim: ClaimDoc): Promise<void> {
    await this.workloads.release(claim.ownerIds ?? [claim.repId], claim.weight ?? gradeWeight(claim.grade));
  }

  /** `unload` as writes of a group. */
  unloadWrites(claim: ClaimDoc): AtomicWrite[] {
    return this.workloads.releaseWrites(claim.ownerIds ?? [claim.repId], claim.weight ?? gradeWeight(claim.grade));
  }

  /** Recounts every member's load from the active claims. */
  async recountWorkloads(): Promise<void> {
    const active = await this.claims.find({ status: 'active' }, { projection: { ownerIds: 1, repId: 1, weight: 1, grade: 1 } });
    await this.workloads.recount(active.map((claim) => ({ ownerIds: claim.ownerIds ?? [claim.repId], weight: claim.weight ?? gradeWeight(claim.grade) })));
  }

  /** The claim holding a customer now, if any. */
  holderOf(customerId: string): Promise<ClaimDoc | null> {
    return this.claims.findOne({ customerId, holding: true });
  }

  /**
   * Ends an active claim (released, expired, transferred), with its owners'
   * loads and the writes `more` adds for the ended claim (its audit entry),
   * as one group; null when it was not active.
   */
  async end(claimId: string, status: EndStatus, extra: Filter = {}, more?: (ended: ClaimDoc) => Array<AtomicWrite | undefined>): Promise<ClaimDoc | null> {
    return this.changeInGroup({ _id: claimId, status: 'active', ...extra }, (claim) => this.endWrites(claim, status, extra), more);
  }

  /**
   * Ends `claim` (as read, active) as writes of a group: the claim's update,
   * conditional on the claim being as read (`mustMatch`: the group fails with
   * a `write-conflict` if it changed meanwhile), its event, and its owners' loads.
   */
  endWrites(claim: ClaimDoc, status: EndStatus, extra: Filter = {}): ClaimWrites {
    const endedAt = this.clock().toISOString();
    // A transfer is reported by the claim it creates (claim.created, and assignment.changed when assignment moved it).
    const change = this.changeWrite(claim, extra, { $set: { status, endedAt }, $unset: { holding: '' } }, status === 'transferred' ? undefined : `claim.${status}`);
    return { claim: change.claim, writes: [...change.writes, ...this.unloadWrites(claim)] };
  }

  /**
   * Makes a claim's change built by `writesOf` from the claim as read
   * (matching `filter`), tried again when the claim changed between the read
   * and the write; null when no claim matches.
   */
  private async changeInGroup(filter: Filter, writesOf: (claim: ClaimDoc) => ClaimWrites, more: (changed: ClaimDoc) => Array<AtomicWrite | undefined> = () => []): Promise<ClaimDoc | null> {
    for (let attempt = 0; attempt < RETRIES; attempt += 1) {
      const claim = await this.claims.findOne(filter);
      if (!claim) return null;
      const { claim: changed, writes } = writesOf(claim);
      try {
        await new WriteGroup().add(...writes, ...more(changed)).commit(this.store);
        return changed;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
      }
    }
    throw new DomainError('conflict', 'The claim keeps changing: try again');
  }

  /**
   * Changes one claim and stages its event in the same write. The event
   * describes the claim as written, so the write is conditional on the claim
   * being as read (its lapse date and owners): `mustMatch`.
   */
  private changeWrite(read: ClaimDoc, filter: Filter, update: { $set: Partial<ClaimDoc> } & Record<string, unknown>, eventType?: string): ClaimWrites {
    const after = withoutStaged({ ...read, ...update.$set } as ClaimDoc);
    if (update['$unset']) for (const key of Object.keys(update['$unset'] as object)) delete (after as Record<string, unknown>)[key];
    const events = eventType ? [this.outbox.stage(eventType, claimEvent(after))] : [];
    const pinned = { ...filter, _id: read._id, expiresAt: read.expiresAt, repId: read.repId, status: read.status };
    return { claim: after, writes: this.outbox.updateWrites(this.claims.name, { filter: pinned, update, mustMatch: true }, events) };
  }

  /** Claims in the caller's scope, newest first, each with its customer's industry and region (what a list filters and shows). */
  async list(principal: Principal, status?: ClaimStatus): Promise<Array<ClaimDoc & { industry: string | null; region: string | null }>> {
    const claims = await this.claims.find({ ...claimScope(principal), ...(status ? { status } : {}) }, { sort: { grantedAt: -1 }, limit: 500 });
    const customers = await this.customers.find({ _id: { $in: [...new Set(claims.map((claim) => claim.customerId))] } }, { projection: { industry: 1, region: 1 } });
    const byId = new Map(customers.map((customer) => [customer._id, customer]));
    return claims.map((claim) => ({ ...claim, industry: byId.get(claim.customerId)?.industry ?? null, region: byId.get(claim.customerId)?.region ?? null }));
  }

  /** A claim the caller may act on, or 404 (never revealing claims outside the caller's scope). */
  async claimInScope(principal: Principal, claimId: string): Promise<ClaimDoc> {
    const claim = await this.claims.findOne({ _id: claimId, ...claimScope(principal) });
    if (!claim) throw new DomainError('not-found', 'No such claim');
    return claim;
  }

  private notActive(claim: ClaimDoc): DomainError {
    return new DomainError('conflict', `The claim is ${claim.status}, not active`);
  }

  async release(principal: Principal, claimId: string, reason: string | undefined): Promise<ClaimDoc> {
    const claim = await this.claimInScope(principal, claimId);
    const released = await this.changeInGroup({ _id: claim._id, status: 'active' }, (read) => this.endWrites(read, 'released'), () => [
      this.audit.entryWrite({ actor: principal, action: 'claim.released', subject: claim._id, data: { customerId: claim.customerId, reason: reason ?? null }, teams: [claim.team] }),
    ]);
    if (!released) throw this.notActive(claim);
    return released;
  }

  /** Logs a follow-up; protection runs again for the claim's period from today, up to the deal deadline, never shorter than it was. */
  async followUp(principal: Principal, claimId: string, note: string): Promise<ClaimDoc> {
    const claim = await this.claimInScope(principal, claimId);
    const now = this.clock().toISOString();
    const renewed = addDays(now, claim.protectionDays);
    const until = claim.dealDeadline && claim.dealDeadline < renewed ? claim.dealDeadline : renewed;
    const updated = await this.claims.findOneAndUpdate(
      { _id: claim._id, status: 'active' },
      { $push: { followUps: { at: now, by: principal.id, note } }, $max: { expiresAt: until } },
    );
    if (!updated) throw this.notActive(claim);
    await this.audit.record({ actor: principal, action: 'claim.follow-up', subject: claim._id, data: { note, expiresAt: updated.expiresAt }, teams: [claim.team] });
    return updated;
  }

  /** Opens or closes a deal on a claim: while a deal is open the claim does not lapse. */
  async setDeal(principal: Principal, claimId: string, open: boolean): Promise<ClaimDoc> {
    const claim = await this.claimInScope(principal, claimId);
    const updated = await this.claims.findOneAndUpdate({ _id: claim._id, status: 'active' }, { $set: { locked: open } });
    if (!updated) throw this.notActive(claim);
    await this.audit.record({ actor: principal, action: open ? 'claim.deal-opened' : 'claim.deal-closed', subject: claim._id, data: {}, teams: [claim.team] });
    return updated;
  }

  /** The contract is signed: the claim becomes converted and keeps holding the customer, with the same owners. */
  async convert(principal: Principal, claimId: string): Promise<ClaimDoc> {
    const claim = await this.claimInScope(principal, claimId);
    const converted = await this.changeInGroup(
      { _id: claim._id, status: 'active' },
      (read) => {
        const change = this.changeWrite(read, {}, { $set: { status: 'converted', convertedAt: this.clock().toISOString(), locked: true } }, 'claim.converted');
        return { claim: change.claim, writes: [...change.writes, ...this.unloadWrites(read)] };
      },
      () => [this.audit.entryWrite({ actor: principal, action: 'claim.converted', subject: claim._id, data: { customerId: claim.customerId }, teams: [claim.team] })],
    );
    if (!converted) throw this.notActive(claim);
    return converted;
  }
}
