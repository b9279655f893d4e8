import { newId } from '../../store/newId.js';
import type { Decision } from '@crm-policy/engine';
import type { AtRestCipher } from '../../atRest/atRestCipher.js';
import { SEALED_FIELDS } from '../../atRest/sealedValue.js';
import { personOf } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Collection, Filter, FindOptions, Store } from '../../store/collection.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { CustomerDoc } from '../claims/claimDocs.js';
import type { ClaimsService } from '../claims/claimsService.js';
import type { CustomersService } from '../claims/customersService.js';
import type { Outbox } from '../events/outbox.js';
import { carrying } from '../events/stagedEvents.js';
import type { ApprovalDecision, ApprovalLevel, AssessmentDoc, AssessmentStatus, CreditAccountDoc, StoredAssessmentDoc, Tier, Trigger } from './creditDocs.js';
import { isWorseTier } from './creditDocs.js';
import type { CreditAccounts } from './creditAccounts.js';
import type { CreditReport } from './creditReport.js';
import { reportFacts } from './creditReport.js';
import type { CreditReportProvider } from './creditReportProvider.js';
import { fetchReport, ProviderUnavailable } from './creditReportProvider.js';
import type { SectorRisk } from './sectorRisk.js';
import type { LivePolicy } from '../policies/livePolicies.js';

/** Roles that may supply a credit report by hand (always approved by someone else); others get the provider's. */
const REPORT_SUPPLIERS: readonly Principal['role'][] = ['finance', 'director', 'admin'];

/** Roles that read credit reports, facts and explanations; others see the outcome only. */
export const REPORT_READERS = new Set(['finance', 'director', 'admin']);
const LEVEL_RANK: Record<ApprovalLevel, number> = { auto: 0, manager: 1, finance: 2, director: 3 };
const ROLE_RANK: Record<string, number> = { manager: 1, finance: 2, director: 3 };

export interface AssessInput {
  customer: CustomerDoc;
  team: string | null;
  report: CreditReport;
  source: AssessmentDoc['report']['source'];
  requestedLimit: number;
  trigger: Trigger;
  by: { id: string; name: string; person?: string };
  /** The sector index to use (a sector change); else the one in force today. */
  sector?: AssessmentDoc['sector'];
  sectorJobId?: string;
}

/**
 * Credit assessments: gathers the facts (report, customer, sector index),
 * runs the credit-risk policy, and keeps every assessment as history. A
 * limit above the automatic ceiling waits for the level the policy names; a
 * result that would cut an existing account waits for finance.
 */
export class CreditAssessments {
  /** The stored assessments, reports sealed when a data key is configured: read them through `find`. */
  readonly assessments: Collection<StoredAssessmentDoc>;

  constructor(
    store: Store,
    private readonly deps: {
      claims: ClaimsService;
      customers: CustomersService;
      accounts: CreditAccounts;
      sectors: SectorRisk;
      provider: CreditReportProvider;
      providerTimeoutMs: number;
      policy: () => LivePolicy;
      audit: AuditLog;
      outbox: Outbox;
      cipher: AtRestCipher;
      clock: () => Date;
    },
  ) {
    this.assessments = store.collection<StoredAssessmentDoc>('creditAssessments');
  }

  /** Assessments matching a filter, with their reports in the clear. */
  async find(filter: Filter, options?: FindOptions): Promise<AssessmentDoc[]> {
    return (await this.assessments.find(filter, options)).map((doc) => this.opened(doc));
  }

  async createIndexes(): Promise<void> {
    await this.assessments.createIndex({ name: 'assessments_by_customer', keys: { customerId: 1, at: -1 } });
    await this.assessments.createIndex({ name: 'assessments_by_status', keys: { status: 1, at: 1 } });
    await this.assessments.createIndex({ name: 'assessments_by_job', keys: { sectorJobId: 1, change: 1 } });
  }

  /** `POST /api/customers/:id/credit-assessments`: the report from the request or the provider, then the policy. */
  async request(principal: Principal, customerId: string, input: { requestedLimit: number; report?: CreditReport }): Promise<AssessmentDoc> {
    const { customer, holder } = await this.deps.customers.visible(principal, customerId);
    if (principal.role === 'rep' && holder?.repId !== principal.id && !(holder?.ownerIds ?? []).includes(principal.id)) {
      throw new DomainError('forbidden', 'A rep asks for credit for customers they hold');
    }
    if (input.report && !REPORT_SUPPLIERS.includes(principal.role)) {
      throw new DomainError('forbidden', 'Only finance, a director or an admin may supply a credit report; the provider’s report is used otherwise', { details: [{ path: '/report', message: 'leave it out: the provider’s report is used' }] });
    }
    const report = input.report ?? (await this.fromProvider(principal, customer));
    return this.assess({
      customer,
      team: holder?.team ?? null,
      report,
      source: input.report ? 'upload' : 'provider',
      requestedLimit: input.requestedLimit,
      trigger: 'request',
      by: { id: principal.id, name: principal.displayName, person: personOf(principal) },
    });
  }

  /** Asks the provider for a customer's report; `provider-unavailable` when it fails, 422 when it has none. */
  async fromProvider(principal: Principal, customer: CustomerDoc): Promise<CreditReport> {
    let report: CreditReport | null;
    try {
      report = await fetchReport(this.deps.provider, { customerId: customer._id, name: customer.name, ...(customer.creditCode ? { creditCode: customer.creditCode } : {}) }, this.deps.providerTimeoutMs);
    } catch (error) {
      if (!(error instanceof ProviderUnavailable)) throw error;
      await this.deps.audit.record({ actor: principal, action: 'credit.provider-unavailable', subject: customer._id, data: { provider: this.deps.provider.name, error: error.message } });
      throw new DomainError('provider-unavailable', `No assessment was made: the credit report provider could not answer (${error.message}). Try again later, or upload the report with the request.`, { provider: this.deps.provider.name });
    }
    if (!report) {
      throw new DomainError('invalid', `The ${this.deps.provider.name} provider has no report for ${customer.name}: upload one with the request`, { details: [{ path: '/report', message: 'no report from the provider; send one' }] });
    }
    return report;
  }

  /** Decides and stores one assessment; applies it to the account when nothing needs a decision. */
  async assess(input: AssessInput, decide?: (facts: Record<string, number>, now: Date) => Decision): Promise<AssessmentDoc> {
    const now = this.deps.clock();
    const sector = input.sector ?? (await this.sectorOf(input.customer.industry));
    const facts = { ...reportFacts(input.report, now), sectorRiskIndex: sector.index, requestedLimit: input.requestedLimit };
    const decision = decide ? decide(facts, now) : await this.deps.policy().decide(facts, { now });
    if (decision.outcome.type === 'error') throw new Error(`credit-risk could not decide: ${decision.error?.message ?? 'unknown error'}`);
    const account = await this.deps.accounts.accounts.findOne({ _id: input.customer._id });
    const doc = this.build(input, sector, facts, decision, account, now);
    await this.assessments.insertOne(carrying(this.sealed(doc), [this.deps.outbox.stage('credit.assessed', assessedEvent(doc))]));
    await this.settle(doc, account);
    return doc;
  }

  /** Approve or reject an assessment waiting for a decision; the caller needs the level it waits for. */
  async decide(principal: Principal, id: string, input: { approve: boolean; comment: string; limit?: number; tier?: Tier }): Promise<AssessmentDoc> {
    const assessment = await this.visibleAssessment(principal, id);
    if (assessment.status !== 'pending-approval' && assessment.status !== 'pending-review') {
      throw new DomainError('conflict', `This assessment is ${assessment.status}: there is nothing to decide`);
    }
    const level: ApprovalLevel = assessment.status === 'pending-review' ? 'finance' : assessment.approvalLevel;
    assertMayDecide(principal, level, assessment.team);
    if (assessment.requestedBy.id === principal.id || (assessment.requestedBy.person ?? assessment.requestedBy.id) === personOf(principal)) throw new DomainError('forbidden', 'Someone other than the requester decides an assessment');
    const decision: ApprovalDecision = { by: principal.id, name: principal.displayName, role: principal.role, approve: input.approve, comment: input.comment, at: this.deps.clock().toISOString() };
    if (input.approve) Object.assign(decision, finalTerms(assessment, input));
    const stored = await this.assessments.findOneAndUpdate({ _id: id, status: assessment.status }, { $set: { status: input.approve ? 'approved' : 'rejected' }, $push: { decisions: decision } });
    const decided = stored && this.opened(stored);
    if (!decided) throw new DomainError('conflict', 'This assessment was decided or replaced meanwhile');
    if (input.approve) await this.deps.accounts.apply(decided, decision.limit!, decision.tier!);
    else await this.deps.accounts.clearPending(decided.customerId, decided._id);
    await this.deps.audit.record({ actor: principal, action: input.approve ? 'credit.approved' : 'credit.rejected', subject: decided.customerId, data: { assessmentId: id, level, comment: input.comment, limit: decision.limit ?? null, tier: decision.tier ?? null }, teams: decided.team ? [decided.team] : [] });
    return decided;
  }

  async history(principal: Principal, customerId: string, limit: number, skip: number): Promise<AssessmentDoc[]> {
    await this.deps.customers.visible(principal, customerId);
    const list = await this.find({ customerId }, { sort: { at: -1 }, limit, skip });
    return list.map((a) => viewFor(principal, a));
  }

  async get(principal: Principal, id: string): Promise<AssessmentDoc> {
    return viewFor(principal, await this.visibleAssessment(principal, id));
  }

  /** Assessments waiting for a decision the caller may make, oldest first. */
  async queue(principal: Principal, limit: number, skip: number): Promise<AssessmentDoc[]> {
    const rank = ROLE_RANK[principal.role] ?? 0;
    const levels = (Object.keys(LEVEL_RANK) as ApprovalLevel[]).filter((level) => level !== 'auto' && LEVEL_RANK[level] <= rank);
    const mine: Filter[] = [{ status: 'pending-approval', approvalLevel: { $in: levels } }];
    if (rank >= LEVEL_RANK.finance) mine.push({ status: 'pending-review' });
    const scoped: Filter = principal.role === 'manager' ? { $or: mine, team: { $in: principal.teams } } : { $or: mine };
    return (await this.find(scoped, { sort: { at: 1 }, limit, skip })).map((a) => viewFor(principal, a));
  }

  private async visibleAssessment(principal: Principal, id: string): Promise<AssessmentDoc> {
    const stored = await this.assessments.findOne({ _id: id });
    if (!stored) throw new DomainError('not-found', 'No such assessment');
    const assessment = this.opened(stored);
    if (!REPORT_READERS.has(principal.role)) await this.deps.customers.visible(principal, assessment.customerId);
    return assessment;
  }

  private sealed(doc: AssessmentDoc): StoredAssessmentDoc {
    return { ...doc, report: { ...doc.report, content: this.deps.cipher.seal(doc.report.content, SEALED_FIELDS.creditReport, doc._id) } };
  }

  private opened(doc: StoredAssessmentDoc): AssessmentDoc {
    return { ...doc, report: { ...doc.report, content: this.deps.cipher.open(doc.report.content, SEALED_FIELDS.creditReport, doc._id) } };
  }

  private async sectorOf(industry: string): Promise<AssessmentDoc['sector']> {
    const found = await this.deps.sectors.effective(industry);
    return { industry: found.industry, index: found.index, ...(found.entryId ? { entryId: found.entryId } : {}) };
  }

  private build(input: AssessInput, sector: AssessmentDoc['sector'], facts: Record<string, number>, decision: Decision, account: CreditAccountDoc | null, now: Date): AssessmentDoc {
    const params = decision.outcome.params ?? {};
    const assess = decision.outcome.type === 'assess';
    const tier = assess ? (params['tier'] as Tier) : null;
    const creditLimit = assess ? Number(params['creditLimit']) : null;
    const previous = account ? { tier: account.tier, limit: account.limit } : null;
    const change = !previous || tier === null || creditLimit === null ? 'new' : isWorseTier(tier, previous.tier) || creditLimit < previous.limit ? 'cut' : creditLimit > previous.limit ? 'raise' : 'same';
    const policyLevel = (params['approvalLevel'] as ApprovalLevel | undefined) ?? 'finance';
    // A report supplied by hand never applies on its own word, whatever the change: someone other than
    // its supplier approves it, at the finance level at least.
    const handMade = input.source === 'upload';
    const approvalLevel = handMade && LEVEL_RANK[policyLevel] < LEVEL_RANK.finance ? 'finance' : policyLevel;
    const rule = decision.fired[0];
    const description = this.deps.policy().ruleFile.rules.find((r) => r.name === rule)?.description;
    let status: AssessmentStatus;
    if (!assess) status = 'pending-approval';
    else if (change === 'cut') status = 'pending-review';
    else if (handMade || (approvalLevel !== 'auto' && (change === 'new' || change === 'raise'))) status = 'pending-approval';
    else status = 'applied';
    return {
      _id: newId(),
      customerId: input.customer._id,
      customerName: input.customer.name,
      industry: input.customer.industry,
      team: input.team,
      at: now.toISOString(),
      trigger: input.trigger,
      requestedBy: input.by,
      requestedLimit: input.requestedLimit,
      report: { provider: input.report.provider, source: input.source, reportId: input.report.reportId, reportDate: input.report.reportDate, content: input.report },
      sector,
      facts,
      policyVersion: decision.version,
      outcome: assess ? 'assess' : 'refer',
      tier,
      creditLimit,
      approvalLevel: status === 'pending-review' ? 'finance' : approvalLevel,
      nextReviewDate: (params['nextReviewDate'] as string | undefined) ?? null,
      reviewMonths: (params['reviewMonths'] as number | undefined) ?? null,
      flagDaysPastDue: (params['flagDaysPastDue'] as number | undefined) ?? null,
      flagUtilisation: (params['flagUtilisation'] as number | undefined) ?? null,
      reason: assess ? (description ?? rule ?? 'assessed') : String(params['reason'] ?? 'referred'),
      fired: decision.fired,
      ...(decision.explanation ? { explanation: decision.explanation } : {}),
      previous,
      change,
      status,
      decisions: [],
      ...(input.sectorJobId ? { sectorJobId: input.sectorJobId } : {}),
    };
  }

  /** After an insert: older undecided assessments of the customer are superseded and the account follows (independent writes, together). */
  private async settle(doc: AssessmentDoc, account: CreditAccountDoc | null): Promise<void> {
    await Promise.all([
      // An account without a pending assessment has none to supersede.
      !account || account.pendingAssessment
        ? this.assessments.updateMany({ customerId: doc.customerId, _id: { $ne: doc._id }, status: { $in: ['pending-approval', 'pending-review'] } }, { $set: { status: 'superseded' } })
        : undefined,
      doc.status === 'applied' ? this.deps.accounts.apply(doc, doc.creditLimit!, doc.tier!) : this.deps.accounts.markPending(doc.customerId, doc._id),
    ]);
  }
}

function assertMayDecide(principal: Principal, level: ApprovalLevel, team: string | null): void {
  const rank = ROLE_RANK[principal.role] ?? 0;
  if (rank < LEVEL_RANK[level]) throw new DomainError('forbidden', `This needs approval at the ${level} level`);
  if (principal.role === 'manager' && (team === null || !principal.teams.includes(team))) throw new DomainError('forbidden', 'A manager decides for their own teams’ customers');
}

/** The limit and tier an approval puts in force: the assessed ones, or lower ones the approver set (a referral needs both). */
function finalTerms(assessment: AssessmentDoc, input: { limit?: number; tier?: Tier }): { limit: number; tier: Tier } {
  if (assessment.outcome === 'refer') {
    if (input.limit === undefined || input.tier === undefined) {
      const missing = [...(input.limit === undefined ? ['/limit'] : []), ...(input.tier === undefined ? ['/tier'] : [])];
      throw new DomainError('invalid', 'A referred assessment is approved with the tier and limit the approver sets', { details: missing.map((path) => ({ path, message: 'required to approve a referral' })) });
    }
    return { limit: input.limit, tier: input.tier };
  }
  if (input.limit !== undefined && input.limit > assessment.creditLimit!) {
    throw new DomainError('invalid', `An approval may lower the limit, not raise it above the assessed ${assessment.creditLimit}`, { details: [{ path: '/limit', message: 'above the assessed limit' }] });
  }
  if (input.tier !== undefined && input.tier !== assessment.tier) {
    throw new DomainError('invalid', 'The tier of an assessment is the policy’s; assess again to change it', { details: [{ path: '/tier', message: 'set by the policy' }] });
  }
  return { limit: input.limit ?? assessment.creditLimit!, tier: assessment.tier! };
}

/** What a caller sees of an assessment: report contents, facts and explanation only for finance, directors and admins. */
export function viewFor(principal: Principal, assessment: AssessmentDoc): AssessmentDoc {
  if (REPORT_READERS.has(principal.role)) return assessment;
  const { facts: _facts, explanation: _explanation, report, ...rest } = assessment;
  return { ...rest, facts: {}, report: { provider: report.provider, source: report.source, reportId: report.reportId, reportDate: report.reportDate } } as AssessmentDoc;
}

/** What credit.assessed carries. */
function assessedEvent(doc: AssessmentDoc): Record<string, unknown> {
  return {
    customerId: doc.customerId,
    customerName: doc.customerName,
    assessmentId: doc._id,
    trigger: doc.trigger,
    status: doc.status,
    tier: doc.tier,
    creditLimit: doc.creditLimit,
    approvalLevel: doc.approvalLevel,
    change: doc.change,
  };
}
