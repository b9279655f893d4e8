import { newId } from '../../store/newId.js';
import { personOf } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Collection, Filter, Store } from '../../store/collection.js';
import { isDuplicateKey, isWriteConflict } from '../../store/storeError.js';
import { WriteGroup } from '../../store/writeGroup.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { AppealDoc, AppealVerdict, CustomerDoc } from './claimDocs.js';
import { newCustomer } from './newCustomer.js';
import { carrying, withoutStaged } from '../events/stagedEvents.js';
import type { ClaimsService, ClaimWrites } from './claimsService.js';


/** An appeal as a list shows it: the appeal, the customer it is about, its holder, and the verdict's score (null when the verdict is gone). */
export type AppealListEntry = AppealDoc & { customerName: string; holderName: string; holderTeamName: string; score: number | null };

/** Appeals against duplicate verdicts. */
export class AppealsService {
  readonly appeals: Collection<AppealDoc>;

  constructor(
    private readonly store: Store,
    private readonly claims: ClaimsService,
    private readonly audit: AuditLog,
    private readonly teamName: (teamId: string) => Promise<string>,
    private readonly clock: () => Date,
  ) {
    this.appeals = store.collection<AppealDoc>('appeals');
  }

  async createIndexes(): Promise<void> {
    await this.appeals.createIndex({ name: 'one_open_appeal_per_collision', keys: { collisionId: 1 }, unique: true, partialFilterExpression: { status: 'open' } });
  }

  /** Appeals the caller may see: their own as appellant or holder, their teams', or all for an admin. */
  private scope(principal: Principal): Filter {
    if (principal.role === 'admin') return {};
    if (principal.role === 'manager') return { $or: [{ holderTeam: { $in: principal.teams } }, { appellantTeam: { $in: principal.teams } }] };
    return { $or: [{ appellantId: principal.id }, { holderRepId: principal.id }] };
  }

  /**
   * Appeals in the caller's scope, newest first, each with what a list needs
   * to be read without opening it: the customer, who holds it (name and team)
   * and the duplicate verdict's score.
   */
  async list(principal: Principal): Promise<AppealListEntry[]> {
    const appeals = await this.appeals.find(this.scope(principal), { sort: { createdAt: -1 }, limit: 500 });
    const [collisions, claims, customers] = await Promise.all([
      this.claims.collisions.find({ _id: { $in: appeals.map((a) => a.collisionId) } }, { projection: { matches: 1 } }),
      this.claims.claims.find({ _id: { $in: appeals.map((a) => a.claimId) } }, { projection: { repName: 1, teamName: 1, customerName: 1 } }),
      this.claims.customers.find({ _id: { $in: appeals.map((a) => a.customerId) } }, { projection: { name: 1 } }),
    ]);
    const collision = new Map(collisions.map((c) => [c._id, c]));
    const claim = new Map(claims.map((c) => [c._id, c]));
    const customer = new Map(customers.map((c) => [c._id, c]));
    return appeals.map((appeal) => {
      const held = claim.get(appeal.claimId);
      const scores = (collision.get(appeal.collisionId)?.matches ?? []).map((match) => match.score);
      return {
        ...appeal,
        customerName: customer.get(appeal.customerId)?.name ?? held?.customerName ?? '',
        holderName: held?.repName ?? '',
        holderTeamName: held?.teamName ?? '',
        score: scores.length > 0 ? Math.max(...scores) : null,
      };
    });
  }

  async create(principal: Principal, collisionId: string, reason: string): Promise<AppealDoc> {
    const collision = await this.claims.collisions.findOne({ _id: collisionId, registrantId: principal.id });
    if (!collision) throw new DomainError('not-found', 'No such duplicate verdict of yours', { details: [{ path: '/collisionId', message: 'not found' }] });
    // A verdict against one's own claim (her own customer under another spelling) has nothing to appeal: it would only fill a manager's queue.
    if (collision.holderRepId === principal.id || collision.holderRepId === personOf(principal)) {
      throw new DomainError('own-claim', 'You hold this customer yourself: there is nothing to appeal', { details: [{ path: '/collisionId', message: 'the customer is yours' }] });
    }
    const appeal: AppealDoc = {
      _id: newId(),
      collisionId,
      customerId: collision.customerId,
      claimId: collision.claimId,
      appellantId: principal.id,
      appellantName: principal.displayName,
      appellantTeam: collision.registrantTeam,
      holderRepId: collision.holderRepId,
      holderTeam: collision.holderTeam,
      reason,
      status: 'open',
      createdAt: this.clock().toISOString(),
    };
    const customer = await this.claims.customers.findOne({ _id: appeal.customerId }, { projection: { name: 1 } });
    // The appeal carries its event: the holder's managers are told it waits for them.
    const filed = this.claims.outbox.stage('appeal.filed', {
      appealId: appeal._id,
      customerId: appeal.customerId,
      customerName: customer?.name ?? '',
      reason,
      appellant: { repId: appeal.appellantId, repName: appeal.appellantName, team: appeal.appellantTeam, teamName: await this.teamName(appeal.appellantTeam) },
      holder: { repId: appeal.holderRepId, team: appeal.holderTeam },
    });
    try {
      await this.appeals.insertOne(carrying(appeal, [filed]));
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', 'This verdict is already under appeal');
      throw error;
    }
    await this.audit.record({ actor: principal, action: 'appeal.created', subject: appeal._id, data: { collisionId, reason }, teams: [appeal.appellantTeam, appeal.holderTeam] });
    return appeal;
  }

  /**
   * The holder's manager (or an admin) decides: uphold the verdict, grant the
   * customer to the appellant, or rule the two are different companies (the
   * appellant then holds their own, new customer).
   */
  /**
   * What a decider reads: both registrations side by side (the customer as
   * held, and what the appellant submitted) with the match's score and reasons.
   */
  async review(principal: Principal, appealId: string): Promise<{
    appeal: AppealDoc;
    held: { customerName: string; holderName: string; teamName: string; industry: string; fields: Record<string, unknown>; grantedAt: string | null; expiresAt: string | null };
    submitted: { appellantName: string; industry: string; fields: Record<string, unknown>; at: string | null };
    matches: Array<{ score: number; reasons: string[] }>;
  }> {
    const appeal = await this.appeals.findOne({ _id: appealId, ...this.scope(principal) });
    if (!appeal) throw new DomainError('not-found', 'No such appeal');
    // The held customer's details are the holder's: only those who decide see them.
    if (principal.role !== 'admin' && !(principal.role === 'manager' && principal.teams.includes(appeal.holderTeam))) {
      throw new DomainError('forbidden', 'Only the holder’s manager or an admin reviews an appeal');
    }
    const [collision, customer, claim] = await Promise.all([this.claims.collisions.findOne({ _id: appeal.collisionId }), this.claims.customers.findOne({ _id: appeal.customerId }), this.claims.claims.findOne({ _id: appeal.claimId })]);
    return {
      appeal,
      held: {
        customerName: customer?.name ?? '',
        holderName: claim?.repName ?? '',
        teamName: claim?.teamName ?? (await this.teamName(appeal.holderTeam)),
        industry: customer?.industry ?? '',
        fields: customer?.fields ?? {},
        grantedAt: claim?.grantedAt ?? null,
        expiresAt: claim?.expiresAt ?? null,
      },
      submitted: { appellantName: appeal.appellantName, industry: collision?.submission.industry ?? '', fields: collision?.submission.customer ?? {}, at: collision?.at ?? null },
      matches: collision?.matches ?? [],
    };
  }

  async decide(principal: Principal, appealId: string, verdict: AppealVerdict, comment: string): Promise<AppealDoc> {
    const appeal = await this.appeals.findOne({ _id: appealId, ...this.scope(principal) });
    if (!appeal) throw new DomainError('not-found', 'No such appeal');
    if ([appeal.appellantId, appeal.holderRepId].some((id) => id === principal.id || id === personOf(principal))) throw new DomainError('forbidden', 'An appeal is decided by someone other than its appellant and the holder');
    if (principal.role !== 'admin' && !(principal.role === 'manager' && principal.teams.includes(appeal.holderTeam))) {
      throw new DomainError('forbidden', 'Only the holder’s manager or an admin decides an appeal');
    }
    if (appeal.status !== 'open') throw new DomainError('conflict', 'The appeal is already decided');
    const now = this.clock().toISOString();
    // The verdict, what it grants (the old claim ended, the new one, a new customer) and the audit entry: one write, all or nothing.
    const grant = verdict === 'grant' ? await this.transfer(appeal) : verdict === 'different-companies' ? await this.separate(appeal, now) : undefined;
    const granted = grant?.claim;
    // The verdict carries its event: the verdict and the claim it granted, if any.
    const customer = await this.claims.customers.findOne({ _id: appeal.customerId }, { projection: { name: 1 } });
    const event = this.claims.outbox.stage('appeal.decided', {
      appealId: appeal._id,
      customerId: appeal.customerId,
      customerName: customer?.name ?? '',
      verdict,
      comment,
      decidedBy: { id: principal.id, name: principal.displayName },
      appellant: { repId: appeal.appellantId, repName: appeal.appellantName, team: appeal.appellantTeam },
      holder: { repId: appeal.holderRepId, team: appeal.holderTeam },
      grantedClaimId: granted?._id ?? null,
    });
    const verdictFields = { status: 'decided' as const, verdict, comment, decidedBy: principal.id, decidedAt: now, ...(granted ? { grantedClaimId: granted._id } : {}) };
    const decision = this.claims.outbox.updateWrites(this.appeals.name, { filter: { _id: appeal._id, status: 'open' }, update: { $set: verdictFields }, mustMatch: true }, [event]);
    const group = new WriteGroup()
      .add(...decision, ...(grant?.writes ?? []))
      .add(this.audit.entryWrite({ actor: principal, action: 'appeal.decided', subject: appeal._id, data: { verdict, comment, grantedClaimId: granted?._id ?? null }, teams: [appeal.appellantTeam, appeal.holderTeam] }));
    try {
      await group.commit(this.store);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', 'Someone else holds the customer now: nothing was decided');
      if (isWriteConflict(error)) {
        throw new DomainError('conflict', error.detail.write === group.indexOf(decision[0]!) ? 'The appeal is already decided' : 'The claim changed meanwhile: nothing was decided');
      }
      throw error;
    }
    return { ...withoutStaged(appeal), ...verdictFields };
  }

  private grantWrites(appeal: AppealDoc, customer: Pick<CustomerDoc, '_id' | 'name' | 'grade' | 'templateVersion'>, protectionDays: number, teamName: string): ClaimWrites {
    return this.claims.grantWrites({
      customer,
      holder: { id: appeal.appellantId, name: appeal.appellantName, team: appeal.appellantTeam, teamName },
      source: 'appeal',
      protectionDays,
      policyVersion: 'appeal',
    });
  }

  /** The customer goes to the appellant: the held claim ends as transferred (if still active, and unchanged when written), a new claim is granted. */
  private async transfer(appeal: AppealDoc): Promise<ClaimWrites> {
    const previous = await this.claims.claims.findOne({ _id: appeal.claimId, status: 'active' });
    const customer = await this.claims.customers.findOne({ _id: appeal.customerId });
    if (!customer) throw new DomainError('not-found', 'The customer no longer exists');
    const ended = previous ? this.claims.endWrites(previous, 'transferred') : undefined;
    const granted = this.grantWrites(appeal, customer, previous?.protectionDays ?? 30, await this.teamName(appeal.appellantTeam));
    return { claim: granted.claim, writes: [...(ended?.writes ?? []), ...granted.writes] };
  }

  /** Ruled a different company: the appellant's submission becomes a customer of its own, stored beside the one it resembled, with a claim. */
  private async separate(appeal: AppealDoc, now: string): Promise<ClaimWrites> {
    const collision = await this.claims.collisions.findOne({ _id: appeal.collisionId });
    if (!collision) throw new DomainError('not-found', 'The duplicate verdict no longer exists');
    if (collision.matches.some((match) => match.reasons.includes('same credit code'))) {
      throw new DomainError('conflict', 'The two share a unified social credit code: they are one company');
    }
    // Never reported as the other's duplicate again.
    const customer = newCustomer({
      form: collision.submission.customer,
      industry: collision.submission.industry,
      templateVersion: 0,
      createdBy: appeal.appellantId,
      now,
      distinctFrom: { customerId: collision.customerId, ruling: appeal._id },
    });
    const granted = this.grantWrites(appeal, customer, 30, await this.teamName(appeal.appellantTeam));
    const customers = this.claims.customers.name;
    return {
      claim: granted.claim,
      writes: [
        { collection: customers, updateOne: { filter: { _id: collision.customerId }, update: { $addToSet: { distinctFrom: customer._id } } } },
        { collection: customers, insertOne: { document: customer } },
        ...granted.writes,
      ],
    };
  }
}
