import { randomUUID } from 'node:crypto';
import { personOf } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Collection, Filter, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { AppealDoc, AppealVerdict, ClaimDoc, CustomerDoc } from './claimDocs.js';
import { newCustomer } from './newCustomer.js';
import { pushing, withoutStaged } from '../events/stagedEvents.js';
import type { ClaimsService } from './claimsService.js';


/** Appeals against duplicate verdicts. */
export class AppealsService {
  readonly appeals: Collection<AppealDoc>;

  constructor(
    store: Store,
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

  list(principal: Principal): Promise<AppealDoc[]> {
    return this.appeals.find(this.scope(principal), { sort: { createdAt: -1 }, limit: 500 });
  }

  async create(principal: Principal, collisionId: string, reason: string): Promise<AppealDoc> {
    const collision = await this.claims.collisions.findOne({ _id: collisionId, registrantId: principal.id });
    if (!collision) throw new DomainError('not-found', 'No such duplicate verdict of yours', { details: [{ path: '/collisionId', message: 'not found' }] });
    const appeal: AppealDoc = {
      _id: randomUUID(),
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
    try {
      await this.appeals.insertOne(appeal);
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
  async review(principal: Principal, appealId: string): Promise<{ appeal: AppealDoc; held: { customerName: string; holderName: string; teamName: string; fields: Record<string, unknown>; grantedAt: string | null }; submitted: { appellantName: string; industry: string; fields: Record<string, unknown> }; matches: Array<{ score: number; reasons: string[] }> }> {
    const appeal = await this.appeals.findOne({ _id: appealId, ...this.scope(principal) });
    if (!appeal) throw new DomainError('not-found', 'No such appeal');
    // The held customer's details are the holder's: only those who decide see them.
    if (principal.role !== 'admin' && !(principal.role === 'manager' && principal.teams.includes(appeal.holderTeam))) {
      throw new DomainError('forbidden', 'Only the holder’s manager or an admin reviews an appeal');
    }
    const [collision, customer, claim] = await Promise.all([this.claims.collisions.findOne({ _id: appeal.collisionId }), this.claims.customers.findOne({ _id: appeal.customerId }), this.claims.claims.findOne({ _id: appeal.claimId })]);
    return {
      appeal,
      held: { customerName: customer?.name ?? '', holderName: claim?.repName ?? '', teamName: claim?.teamName ?? (await this.teamName(appeal.holderTeam)), fields: customer?.fields ?? {}, grantedAt: claim?.grantedAt ?? null },
      submitted: { appellantName: appeal.appellantName, industry: collision?.submission.industry ?? '', fields: collision?.submission.customer ?? {} },
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
    const now = this.clock().toISOString();
    const decided = await this.appeals.findOneAndUpdate(
      { _id: appeal._id, status: 'open' },
      { $set: { status: 'decided', verdict, comment, decidedBy: principal.id, decidedAt: now } },
    );
    if (!decided) throw new DomainError('conflict', 'The appeal is already decided');
    let granted: ClaimDoc | undefined;
    if (verdict === 'grant') granted = await this.transfer(appeal);
    if (verdict === 'different-companies') granted = await this.separate(appeal, now);
    // The decision's last write carries its event: the verdict and the claim it granted, if any.
    const event = this.claims.outbox.stage('appeal.decided', {
      appealId: appeal._id,
      customerId: appeal.customerId,
      verdict,
      comment,
      decidedBy: { id: principal.id, name: principal.displayName },
      appellant: { repId: appeal.appellantId, repName: appeal.appellantName, team: appeal.appellantTeam },
      holder: { repId: appeal.holderRepId, team: appeal.holderTeam },
      grantedClaimId: granted?._id ?? null,
    });
    const result = withoutStaged(await this.appeals.findOneAndUpdate({ _id: appeal._id }, pushing(granted ? { $set: { grantedClaimId: granted._id } } : { $set: {} }, [event])));
    await this.audit.record({ actor: principal, action: 'appeal.decided', subject: appeal._id, data: { verdict, comment, grantedClaimId: granted?._id ?? null }, teams: [appeal.appellantTeam, appeal.holderTeam] });
    return result ?? decided;
  }

  private async newClaim(appeal: AppealDoc, customer: CustomerDoc, protectionDays: number): Promise<ClaimDoc> {
    try {
      return await this.claims.grant({
        customer,
        holder: { id: appeal.appellantId, name: appeal.appellantName, team: appeal.appellantTeam, teamName: await this.teamName(appeal.appellantTeam) },
        source: 'appeal',
        protectionDays,
        policyVersion: 'appeal',
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', 'Someone else holds the customer now; the verdict is recorded but nothing was transferred');
      throw error;
    }
  }

  private async transfer(appeal: AppealDoc): Promise<ClaimDoc> {
    const previous = await this.claims.end(appeal.claimId, 'transferred');
    const customer = await this.claims.customers.findOne({ _id: appeal.customerId });
    if (!customer) throw new DomainError('not-found', 'The customer no longer exists');
    return this.newClaim(appeal, customer, previous?.protectionDays ?? 30);
  }

  private async separate(appeal: AppealDoc, now: string): Promise<ClaimDoc> {
    const collision = await this.claims.collisions.findOne({ _id: appeal.collisionId });
    if (!collision) throw new DomainError('not-found', 'The duplicate verdict no longer exists');
    if (collision.matches.some((match) => match.reasons.includes('same credit code'))) {
      throw new DomainError('conflict', 'The two share a unified social credit code: they are one company');
    }
    // Ruled a different company: stored beside the one it resembled, and never reported as its duplicate again.
    const customer = newCustomer({
      form: collision.submission.customer,
      industry: collision.submission.industry,
      templateVersion: 0,
      createdBy: appeal.appellantId,
      now,
      distinctFrom: { customerId: collision.customerId, ruling: appeal._id },
    });
    await this.claims.customers.updateOne({ _id: collision.customerId }, { $addToSet: { distinctFrom: customer._id } });
    await this.claims.customers.insertOne(customer);
    return this.newClaim(appeal, customer, 30);
  }
}
