import { newId } from '../../store/newId.js';
import { systemPrincipal } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Logger } from '../../logger.js';
import type { Collection, Doc, Filter, Store } from '../../store/collection.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimsService } from '../claims/claimsService.js';
import type { CreditAccounts } from './creditAccounts.js';
import type { CreditAssessments } from './creditAssessments.js';
import type { AssessmentDoc, CreditAccountDoc } from './creditDocs.js';
import type { SectorRisk, SectorRiskDoc } from './sectorRisk.js';
import { DEFAULT_SECTOR, today } from './sectorRisk.js';
import type { LivePolicy } from '../policies/livePolicies.js';

/** The re-assessment of a sector's accounts after its risk index rose, with its report. */
export interface SectorJobDoc extends Doc {
  industry: string;
  entryId: string;
  from: number;
  to: number;
  effectiveFrom: string;
  status: 'scheduled' | 'running' | 'done' | 'failed' | 'interrupted';
  by: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  total: number;
  processed: number;
  unchanged: number;
  proposedCuts: number;
  /** Re-assessments that would raise a limit above the ceiling wait for approval, as any raise does. */
  pendingApproval: number;
  /** Sums over the sector's accounts: limits in force before, limits proposed after, current exposure, and exposure above the proposed limits. */
  totals: { limitBefore: number; limitAfter: number; exposure: number; exposureOverNewLimit: number };
  error?: string;
}

const SYSTEM = systemPrincipal('Scheduled review', 'director');
const BATCH = 500;
const CONCURRENCY = 32;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Ongoing due diligence: the scheduled review of accounts whose review date
 * came (annually, sooner for high risk), and the re-assessment of a sector's
 * accounts when its risk index rises. A re-assessment asks whether the limit
 * in force still holds (it is the requested limit), so it keeps or cuts,
 * never raises; cuts wait for finance (`pending-review`). A raise is a new request.
 */
export class CreditReviews {
  readonly jobs: Collection<SectorJobDoc>;
  private readonly running = new Set<Promise<void>>();

  constructor(
    store: Store,
    private readonly deps: {
      assessments: CreditAssessments;
      accounts: CreditAccounts;
      sectors: SectorRisk;
      claims: ClaimsService;
      policy: () => LivePolicy;
      audit: AuditLog;
      clock: () => Date;
      logger: Logger;
    },
  ) {
    this.jobs = store.collection<SectorJobDoc>('creditSectorJobs');
  }

  async prepare(): Promise<void> {
    await this.jobs.createIndex({ name: 'sector_jobs_by_status', keys: { status: 1, effectiveFrom: 1 } });
    await this.jobs.updateMany({ status: 'running' }, { $set: { status: 'interrupted', finishedAt: this.deps.clock().toISOString() } });
  }

  /**
   * Re-assesses every account whose review is due, with a fresh report from
   * the provider. An account is taken with a one-hour lease, so two processes
   * never review it twice; a provider failure is noted on the account and retried a day later.
   */
  async runDueReviews(limit = 10_000): Promise<{ reviewed: number; applied: number; waiting: number; failed: number }> {
    const counts = { reviewed: 0, applied: 0, waiting: 0, failed: 0 };
    while (counts.reviewed + counts.failed < limit) {
      const now = this.deps.clock();
      const account = await this.deps.accounts.accounts.findOneAndUpdate(
        { nextReviewDate: { $lte: today(now) }, pendingAssessment: { $exists: false }, $or: [{ reviewRetryAt: { $exists: false } }, { reviewRetryAt: { $lte: now.toISOString() } }] },
        { $set: { reviewRetryAt: new Date(now.getTime() + HOUR_MS).toISOString() } },
        { sort: { nextReviewDate: 1 } },
      );
      if (!account) break;
      const customer = await this.deps.claims.customers.findOne({ _id: account._id });
      try {
        if (!customer) throw new DomainError('not-found', 'the customer no longer exists');
        const report = await this.deps.assessments.fromProvider(SYSTEM, customer);
        const assessment = await this.deps.assessments.assess({
          customer,
          team: (await this.deps.claims.holderOf(customer._id))?.team ?? account.team,
          report,
          source: 'provider',
          requestedLimit: account.limit,
          trigger: 'annual-review',
          by: { id: SYSTEM.id, name: SYSTEM.displayName },
        });
        counts.reviewed += 1;
        if (assessment.status === 'applied') counts.applied += 1;
        else counts.waiting += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        counts.failed += 1;
        await this.deps.accounts.accounts.updateOne({ _id: account._id }, { $set: { lastReviewError: error.message, reviewRetryAt: new Date(now.getTime() + DAY_MS).toISOString() } });
        this.deps.logger.warn('credit review failed', { customerId: account._id, error: error.message });
      }
    }
    return counts;
  }

  /**
   * After a sector's index was set: when it rose, a job re-assesses the
   * sector's accounts, at once if the new index is in force, else on its effective date.
   */
  async sectorChanged(principal: Principal, entry: SectorRiskDoc, previous: number): Promise<SectorJobDoc | null> {
    if (entry.index <= previous) return null;
    const now = this.deps.clock();
    const job: SectorJobDoc = {
      _id: newId(),
      industry: entry.industry,
      entryId: entry._id,
      from: previous,
      to: entry.index,
      effectiveFrom: entry.effectiveFrom,
      status: 'scheduled',
      by: principal.id,
      createdAt: now.toISOString(),
      total: 0,
      processed: 0,
      unchanged: 0,
      proposedCuts: 0,
      pendingApproval: 0,
      totals: { limitBefore: 0, limitAfter: 0, exposure: 0, exposureOverNewLimit: 0 },
    };
    await this.jobs.insertOne(job);
    await this.startScheduledJobs();
    return (await this.jobs.findOne({ _id: job._id })) ?? job;
  }

  /** Starts sector jobs whose effective date has come (the scheduler calls this; so does a change in force at once). */
  async startScheduledJobs(): Promise<number> {
    let started = 0;
    for (;;) {
      const now = this.deps.clock();
      const job = await this.jobs.findOneAndUpdate({ status: 'scheduled', effectiveFrom: { $lte: today(now) } }, { $set: { status: 'running', startedAt: now.toISOString() } }, { sort: { effectiveFrom: 1 } });
      if (!job) return started;
      started += 1;
      const run = this.run(job).finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  /** Resolves when no job of this process is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** A job's progress and totals, and a page of its proposed cuts (largest first). */
  async report(id: string, limit: number, skip: number): Promise<SectorJobDoc & { cuts: Array<Record<string, unknown>> }> {
    const job = await this.jobs.findOne({ _id: id });
    if (!job) throw new DomainError('not-found', 'No such sector job');
    const cuts = await this.deps.assessments.assessments.find({ sectorJobId: id, change: 'cut' }, { sort: { customerName: 1 }, limit, skip });
    return {
      ...job,
      cuts: cuts.map((a) => ({ assessmentId: a._id, customerId: a.customerId, customerName: a.customerName, status: a.status, tierBefore: a.previous?.tier, tierAfter: a.tier, limitBefore: a.previous?.limit, limitAfter: a.creditLimit })),
    };
  }

  list(limit: number, skip: number): Promise<SectorJobDoc[]> {
    return this.jobs.find({}, { sort: { createdAt: -1 }, limit, skip });
  }

  private async accountsFilter(industry: string): Promise<Filter> {
    if (industry !== DEFAULT_SECTOR) return { industry };
    // The default index applies to industries without their own.
    const own = [...new Set((await this.deps.sectors.entries.find({ industry: { $ne: DEFAULT_SECTOR } }, { projection: { industry: 1 } })).map((e) => e.industry))];
    return { industry: { $nin: own } };
  }

  private async run(job: SectorJobDoc): Promise<void> {
    const totals = { ...job.totals };
    const counts = { processed: 0, unchanged: 0, proposedCuts: 0, pendingApproval: 0 };
    const policy = this.deps.policy();
    const decide = (facts: Record<string, number>, now: Date) => policy.decideSync(facts, { now });
    try {
      const ids = (await this.deps.accounts.accounts.find(await this.accountsFilter(job.industry), { projection: { _id: 1 } })).map((a) => a._id);
      await this.jobs.updateOne({ _id: job._id }, { $set: { total: ids.length } });
      for (let at = 0; at < ids.length; at += BATCH) {
        const accounts = await this.deps.accounts.accounts.find({ _id: { $in: ids.slice(at, at + BATCH) } });
        const inForce = new Map((await this.deps.assessments.find({ _id: { $in: accounts.map((a) => a.assessmentId) } })).map((a) => [a._id, a]));
        const customers = new Map((await this.deps.claims.customers.find({ _id: { $in: accounts.map((a) => a._id) } })).map((c) => [c._id, c]));
        // Accounts are independent: several at a time, so the store's durable writes are grouped.
        let next = 0;
        const worker = async () => {
          while (next < accounts.length) {
            const account = accounts[next++]!;
            const basis = inForce.get(account.assessmentId);
            const customer = customers.get(account._id);
            if (!basis || !customer) continue;
            const assessment = await this.deps.assessments.assess(
              {
                customer,
                team: account.team,
                report: basis.report.content,
                source: 'stored',
                requestedLimit: account.limit,
                trigger: 'sector-change',
                by: { id: job.by, name: 'Sector change' },
                sector: { industry: job.industry, index: job.to, entryId: job.entryId },
                sectorJobId: job._id,
              },
              decide,
            );
            this.count(account, assessment, totals, counts);
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        await this.jobs.updateOne({ _id: job._id }, { $set: { ...counts, totals } });
      }
      await this.jobs.updateOne({ _id: job._id }, { $set: { status: 'done', finishedAt: this.deps.clock().toISOString(), ...counts, totals } });
      await this.deps.audit.record({ actor: SYSTEM, action: 'credit.sector-reassessed', subject: job._id, data: { industry: job.industry, from: job.from, to: job.to, ...counts, totals } });
    } catch (error) {
      this.deps.logger.error('sector re-assessment failed', { job: job._id, error: (error as Error).message });
      await this.jobs.updateOne({ _id: job._id }, { $set: { status: 'failed', error: (error as Error).message, finishedAt: this.deps.clock().toISOString(), ...counts, totals } });
    }
  }

  private count(account: CreditAccountDoc, assessment: AssessmentDoc, totals: SectorJobDoc['totals'], counts: Record<'processed' | 'unchanged' | 'proposedCuts' | 'pendingApproval', number>): void {
    const after = assessment.change === 'cut' ? (assessment.creditLimit ?? account.limit) : account.limit;
    counts.processed += 1;
    if (assessment.change === 'cut') counts.proposedCuts += 1;
    else if (assessment.status === 'pending-approval') counts.pendingApproval += 1;
    else counts.unchanged += 1;
    totals.limitBefore += account.limit;
    totals.limitAfter += after;
    totals.exposure += account.exposure;
    if (account.exposure > after) totals.exposureOverNewLimit += account.exposure - after;
  }
}
