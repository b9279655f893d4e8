import { newId } from '../../store/newId.js';
import type { Metrics } from '../../operations/metrics.js';
import type { Explanation, PolicyEvent } from '@crm-policy/engine';
import type { Principal } from '../../auth/principal.js';
import { personOf } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Language } from '@crm-policy/engine';
import { isDuplicateKey } from '../../store/storeError.js';
import { WriteGroup } from '../../store/writeGroup.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimDoc, CollisionDoc, CustomerDoc } from '../claims/claimDocs.js';
import { CUSTOMER_IDENTITY_INDEXES, ONE_HOLDER_INDEX } from '../claims/claimsService.js';
import type { ClaimsService } from '../claims/claimsService.js';
import type { TemplatesRepository, TemplateVersionDoc } from '../templates/templatesRepository.js';
import { denyReasonPath, denyReasonText } from './denyReasons.js';
import type { CompanyProfile } from '../duplicates/companyProfile.js';
import { profileOf, withMatchingData } from '../duplicates/companyProfile.js';
import { profileOfCustomer } from '../duplicates/storedProfile.js';
import { legalIdentity, nameKeyOf } from '../duplicates/legalIdentity.js';
import { newCustomer } from '../claims/newCustomer.js';
import type { Candidate, DuplicateFinder } from '../duplicates/duplicateFinder.js';
import { bestMatch } from '../duplicates/duplicateFinder.js';
import type { DeferredDecision, LivePolicy, RecordedDecision } from '../policies/livePolicies.js';

export interface RegistrationInput {
  industry: string;
  customer: Record<string, unknown>;
}

/** Whether a granted registration's answer carries the decision's explanation (a refusal's always does). */
export interface ExplainOption {
  explain?: boolean;
}

/** What a registration knows of the company it names, for matching. */
interface Identity {
  profile: CompanyProfile;
  nameKey: string;
}

/** The name is parsed and its matching data derived once per registration: the check and the stored customer share them. */
function identityOf(form: Record<string, unknown>): Identity {
  const profile = withMatchingData(profileOf(form));
  return { profile, nameKey: nameKeyOf(profile) };
}

function matchesOf(identity: Identity, customer: CustomerDoc): Array<{ score: number; reasons: string[] }> {
  const match = bestMatch(identity.profile, customer);
  return [{ score: match.score, reasons: match.reasons }];
}

/**
 * A rep registers a customer: the form is validated against the industry's
 * template, duplicates are looked up, the claim-eligibility policy decides,
 * and a claim is granted. "One active claim per customer" is the store's
 * unique index, so concurrent registrations of one company grant exactly one claim.
 */
export class RegistrationService {
  constructor(
    private readonly deps: {
      templates: TemplatesRepository;
      claims: ClaimsService;
      audit: AuditLog;
      teamName: (teamId: string) => Promise<string>;
      duplicates: DuplicateFinder;
      eligibility: () => LivePolicy;
      metrics?: Metrics;
      /** Which customers wait in the assignment queue: the organisation routes those, a rep does not take them. */
      queuedAmong?: (customerIds: readonly string[]) => Promise<Set<string>>;
      clock: () => Date;
    },
  ) {}

  /**
   * `explain`: the granted answer carries the decision's explanation too (every
   * rule, condition by condition); without it, only a refusal does. The
   * decision log keeps the facts either way, and the audit trail explains from them.
   */
  async register(principal: Principal, input: RegistrationInput, language: Language, options: ExplainOption = {}): Promise<{ status: number; body: unknown }> {
    const template = await this.deps.templates.current(input.industry);
    if (!template) throw new DomainError('invalid', `Unknown industry "${input.industry}"`, { details: [{ path: '/industry', message: 'no template for this industry' }] });
    const problems = this.deps.templates.validate(template, input.customer, language);
    if (problems.length > 0) throw new DomainError('invalid', language === 'zh' ? '表单填写有误' : 'The form has invalid fields', { details: problems });
    const keys = identityOf(input.customer);
    // A lost race to create the customer means another registration just created it: look again.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const outcome = await this.attempt(principal, input, template, keys, language, options);
      if (outcome !== 'retry') return outcome;
    }
    throw new DomainError('conflict', 'The customer is being registered by someone else; try again');
  }

  /**
   * Claims a customer that is in the public pool (no active claim), through the
   * same eligibility policy and caps as a registration.
   */
  async claimFromPool(principal: Principal, customerId: string, language: Language, options: ExplainOption = {}): Promise<{ status: number; body: unknown }> {
    const customer = await this.deps.claims.customers.findOne({ _id: customerId });
    if (!customer || (principal.role === 'rep' && (await this.isQueued(customerId)))) throw new DomainError('not-found', 'No such customer');
    const template = (await this.deps.templates.current(customer.industry)) ?? ({ industry: customer.industry, version: customer.templateVersion } as TemplateVersionDoc);
    const keys: Identity = { profile: profileOfCustomer(customer), nameKey: customer.nameKey };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const outcome = await this.attempt(principal, { industry: customer.industry, customer: customer.fields }, template, keys, language, { ...options, known: customer });
      if (outcome !== 'retry') return outcome;
    }
    throw new DomainError('conflict', 'The customer is being claimed by someone else; try again');
  }

  private async isQueued(customerId: string): Promise<boolean> {
    return (await this.deps.queuedAmong?.([customerId]))?.has(customerId) ?? false;
  }

  /**
   * Before a deal is opened on a claim: the policy's cap of locked customers
   * (only that cap: the customer is already held).
   */
  async checkLockCap(principal: Principal, claim: ClaimDoc, language: Language): Promise<void> {
    const customer = await this.deps.claims.customers.findOne({ _id: claim.customerId });
    if (!customer) throw new DomainError('not-found', 'The customer no longer exists');
    const decision = await this.decide({ ...principal, id: claim.repId }, customer.fields, customer, null, 'lock', 'now', false);
    if (decision.error) throw new Error(`The claim-eligibility policy failed: ${decision.error.message}`);
    const refusals = decision.outcomes.filter((o) => o.type === 'deny' && o.params?.['reason'] === 'locked-cap-reached');
    if (refusals.length > 0) {
      throw new DomainError('not-eligible', language === 'zh' ? '不能再锁定客户' : 'No more customers can be locked', {
        reasons: refusals.map((o) => ({ reason: 'locked-cap-reached', message: denyReasonText(o, language) })),
      });
    }
  }

  /**
   * The customers a registration resembles: the one of the same legal identity
   * or the best duplicate (if any), those for review, and related branches and
   * namesakes; and the identity key a new customer is stored under.
   */
  private async lookAlikes(identity: Identity): Promise<{ existing: CustomerDoc | null; review: Candidate[]; related: Candidate[]; nameKey: string }> {
    const { same: exact, nameKey } = await legalIdentity(this.deps.claims.customers, identity.profile);
    if (exact) {
      this.deps.metrics?.duplicateVerdict('duplicate');
      return { existing: exact, review: [], related: [], nameKey };
    }
    const candidates = await this.deps.duplicates.candidates(identity.profile);
    const duplicate = candidates.find((c) => c.verdict === 'duplicate');
    this.deps.metrics?.duplicateVerdict(duplicate ? 'duplicate' : candidates.some((c) => c.verdict === 'review') ? 'review' : 'none');
    return {
      existing: duplicate ? await this.deps.claims.customers.findOne({ _id: duplicate.customer._id }) : null,
      review: duplicate ? [] : candidates.filter((c) => c.verdict === 'review').slice(0, 5),
      related: candidates.filter((c) => c.verdict === 'related').slice(0, 5),
      nameKey,
    };
  }

  private async attempt(
    principal: Principal,
    input: RegistrationInput,
    template: TemplateVersionDoc,
    keys: Identity,
    language: Language,
    { known, explain = false }: ExplainOption & { known?: CustomerDoc } = {},
  ): Promise<{ status: number; body: unknown } | 'retry'> {
    const { customers } = this.deps.claims;
    const source = known ? 'pool' : 'registration';
    const { existing, review, related, nameKey } = known ? { existing: known, review: [], related: [], nameKey: keys.nameKey } : await this.lookAlikes(keys);
    const activeClaim = existing ? await this.deps.claims.holderOf(existing._id) : null;
    if (existing && !activeClaim && principal.role === 'rep' && (await this.isQueued(existing._id))) {
      throw new DomainError('conflict', language === 'zh' ? '该客户正在由公司分配，不能登记' : 'The organisation is assigning this customer: it cannot be registered', { reason: 'being-assigned' });
    }
    const decision = await this.decide(principal, input.customer, existing, activeClaim, source, 'deferred', explain);
    if (decision.error) throw new Error(`The claim-eligibility policy failed: ${decision.error.message}`);
    const denials = decision.outcomes.filter((o) => o.type === 'deny' || o.type === 'error');

    if (activeClaim && denials.some((o) => o.params?.['reason'] === 'already-claimed' || o.params?.['reason'] === 'already-yours')) {
      return this.duplicate(principal, existing!, activeClaim, keys, decision, input, language);
    }
    if (denials.length > 0) {
      // A refusal is recorded too: its decision and its audit entry, together.
      await new WriteGroup()
        .add(decision.decisionRecord, this.deps.audit.entryWrite({ actor: principal, action: 'registration.refused', subject: existing?._id ?? keys.nameKey, data: this.decisionRecord(decision, template) }))
        .commit(this.deps.claims.store);
      throw new DomainError('not-eligible', language === 'zh' ? '不符合登记条件' : 'This registration is not eligible', {
        reasons: denials.map((o) => {
          const path = denyReasonPath(o);
          return { reason: o.params?.['reason'] ?? o.type, message: denyReasonText(o, language), ...(path ? { path } : {}) };
        }),
        decision: { policy: decision.policy, version: decision.version, fired: decision.fired, explanation: await decision.explained() },
      });
    }

    // The decision, the customer if new, the claim with its event, the loads and the audit entry: one write, all or nothing.
    const now = this.deps.clock();
    const group = new WriteGroup().add(decision.decisionRecord);
    const customer =
      existing ??
      newCustomer({ form: input.customer, industry: template.industry, templateVersion: template.version, createdBy: principal.id, now: now.toISOString(), profile: keys.profile, nameKey });
    if (!existing) group.add({ collection: customers.name, insertOne: { document: customer } });
    const eligible = (decision.outcomes.find((o) => o.type === 'eligible')?.params ?? {}) as Record<string, unknown>;
    const optionalDays = (key: string) => (typeof eligible[key] === 'number' ? { [key]: eligible[key] as number } : {});
    const { claim, writes } = this.deps.claims.grantWrites({
      customer,
      holder: { id: principal.id, name: principal.displayName, team: principal.teams[0] ?? '', teamName: await this.deps.teamName(principal.teams[0] ?? '') },
      source,
      protectionDays: Number(eligible['protectionDays'] ?? 15),
      ...optionalDays('dealDays'),
      ...optionalDays('remindDaysBefore'),
      policyVersion: decision.version,
      ...(review.length > 0 ? { review: { matches: review.map((c) => ({ customerId: c.customer._id, customerName: c.customer.name, score: c.match.score, reasons: c.match.reasons })) } } : {}),
    });
    group.add(...writes, this.deps.audit.entryWrite({ actor: principal, action: 'claim.created', subject: claim._id, data: { customerId: customer._id, ...this.decisionRecord(decision, template) } }));
    try {
      await group.commit(this.deps.claims.store);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another registration stored this company first: look again, and find it.
      if (CUSTOMER_IDENTITY_INDEXES.includes(error.detail.index ?? '')) return 'retry';
      if (error.detail.index !== ONE_HOLDER_INDEX) throw error;
      // Another registration claimed it first: that one holds it (or has let it go already: look again).
      const holder = await this.deps.claims.holderOf(customer._id);
      if (!holder) return 'retry';
      return this.duplicate(principal, customer, holder, keys, decision, input, language);
    }
    // Look-alikes are reported by score and reasons; their details stay with their holders.
    const similar = (list: Candidate[]) => list.map((c) => ({ score: c.match.score, reasons: c.match.reasons }));
    const { decisionRecord: _record, explained: _explained, ...shown } = decision;
    return { status: 201, body: { claim, decision: shown, ...(review.length > 0 ? { flaggedForReview: similar(review) } : {}), ...(related.length > 0 ? { related: similar(related) } : {}) } };
  }

  /** A registration that met the customer's holder: the decision, the collision (for an appeal) and the audit entry are written together, then the registrant is told who holds it. */
  private async duplicate(principal: Principal, customer: CustomerDoc, holder: ClaimDoc, keys: Identity, decision: DeferredDecision, input: RegistrationInput, language: Language): Promise<never> {
    const matches = matchesOf(keys, customer);
    const collisionId = newId();
    const collision: CollisionDoc = {
      _id: collisionId,
      at: this.deps.clock().toISOString(),
      customerId: customer._id,
      claimId: holder._id,
      holderRepId: holder.repId,
      holderTeam: holder.team,
      registrantId: principal.id,
      registrantTeam: principal.teams[0] ?? '',
      matches,
      submission: { industry: input.industry, customer: input.customer },
    };
    await new WriteGroup()
      .add(decision.decisionRecord, { collection: this.deps.claims.collisions.name, insertOne: { document: collision } })
      .add(this.deps.audit.entryWrite({ actor: principal, action: 'registration.duplicate', subject: customer._id, data: { collisionId, holderClaimId: holder._id, matches, policyVersion: decision.version } }))
      .commit(this.deps.claims.store);
    const mine = holder.repId === principal.id || holder.repId === personOf(principal);
    const until = holder.expiresAt.slice(0, 10);
    // Her own customer under another spelling: she is told so and where it is; there is nothing to appeal (POST /api/appeals refuses it).
    if (mine) {
      throw new DomainError('duplicate', language === 'zh' ? `该客户已在你名下，保护期至 ${until}` : `You already hold this customer until ${until}`, {
        holder: { name: holder.repName, team: holder.teamName, expiresAt: holder.expiresAt, mine: true },
        matches,
        customerId: customer._id,
        customerName: customer.name,
      });
    }
    // The registrant learns who holds the customer and until when, not the customer's details.
    throw new DomainError('duplicate', language === 'zh' ? `${holder.repName}（${holder.teamName}）已登记该客户，保护期至 ${until}` : `${holder.repName} (${holder.teamName}) holds this customer until ${until}`, {
      holder: { name: holder.repName, team: holder.teamName, expiresAt: holder.expiresAt, mine: false },
      matches,
      collisionId,
    });
  }

  /**
   * The claim-eligibility policy's decision; recorded at once, or `deferred` to
   * the caller's write group (`decisionRecord`). Explained when `explain` asks;
   * otherwise `explained()` makes the explanation when an answer needs it (a
   * refusal): decided again with the same facts, time and version. A grant, by
   * far the most common answer, builds none.
   */
  private async decide(
    principal: Principal,
    form: Record<string, unknown>,
    existing: CustomerDoc | null,
    activeClaim: ClaimDoc | null,
    source: 'registration' | 'pool' | 'lock',
    record: 'now' | 'deferred',
    explain: boolean,
  ): Promise<DeferredDecision & { explained: () => Promise<Explanation | undefined> }> {
    const now = this.deps.clock();
    const mine = await this.deps.claims.claims.find({ repId: principal.id, status: 'active' }, { projection: { grade: 1, locked: 1, source: 1, grantedAt: 1 } });
    // Locked claims (an open deal) count against their own cap, not against customers held.
    const held = mine.filter((claim) => claim.locked !== true);
    const total = held.length;
    const locked = mine.length - held.length;
    // The pool's daily limit counts claims from the pool since midnight, China time (UTC+8).
    const dayStart = new Date(Math.floor((now.getTime() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000).toISOString();
    const poolClaimsToday = (await this.deps.claims.claims.find({ repId: principal.id, source: 'pool', grantedAt: { $gte: dayStart } }, { projection: { _id: 1 } })).length;
    const previous = existing
      ? await this.deps.claims.claims.findOne({ customerId: existing._id, repId: principal.id, status: { $in: ['expired', 'released'] } }, { sort: { endedAt: -1 } })
      : null;
    const previousClaim = previous?.endedAt ? { endedDaysAgo: Math.floor((now.getTime() - Date.parse(previous.endedAt)) / 86_400_000), status: previous.status } : null;
    const perGrade = new Map<string, number>();
    for (const claim of held) perGrade.set(String(claim.grade), (perGrade.get(String(claim.grade)) ?? 0) + 1);
    const byGrade = [...perGrade].map(([grade, n]) => ({ _id: grade, n }));
    const purchasePlan = form['purchasePlan'] as Record<string, unknown> | undefined;
    const facts = {
      rep: { id: principal.id, name: principal.displayName, team: principal.teams[0] ?? '' },
      customer: {
        name: String(form['companyName']),
        grade: form['grade'],
        ...(typeof form['contactName'] === 'string' ? { keyPerson: form['contactName'] } : {}),
        ...(typeof form['intent'] === 'string' ? { buyingIntent: form['intent'] } : {}),
        ...(purchasePlan ? { purchasePlan: { ...(typeof purchasePlan['timeframe'] === 'string' ? { timeframe: purchasePlan['timeframe'] } : {}) } } : {}),
        blacklisted: existing?.blacklisted ?? false,
      },
      existingClaim: activeClaim ? { active: true, holder: { repId: activeClaim.repId, name: activeClaim.repName, team: activeClaim.teamName }, until: activeClaim.expiresAt.slice(0, 10) } : null,
      activeClaimsOfRep: { total, locked, byGrade: Object.fromEntries(byGrade.map((g) => [g._id, g.n])) },
      source,
      poolClaimsToday,
      previousClaim,
    };
    const policy = this.deps.eligibility();
    const decision = await policy.decide(facts, { now, record, explain });
    return { ...decision, explained: async () => decision.explanation ?? (await policy.explain(facts, now)) };
  }

  /**
   * What an audit entry keeps of a decision: its id in the decision log and
   * what the decision does not say itself (the template); GET /api/audit puts
   * the policy, its version, the outcomes, the rules fired and the explanation
   * back from the decision log. A decision without a record keeps them here.
   */
  private decisionRecord(decision: RecordedDecision, template: TemplateVersionDoc): Record<string, unknown> {
    const templateFields = { templateVersion: template.version, industry: template.industry };
    if (decision.decisionId) return { decisionId: decision.decisionId, ...templateFields };
    return { explanation: decision.explanation, policy: decision.policy, policyVersion: decision.version, ...templateFields, outcomes: decision.outcomes as PolicyEvent[], fired: decision.fired };
  }
}
