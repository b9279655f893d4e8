import { newId } from '../../store/newId.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimsService } from '../claims/claimsService.js';
import type { DuplicateFinder } from './duplicateFinder.js';
import { blockingKeys } from './companyProfile.js';
import { profileOfCustomer } from './storedProfile.js';
import type { Logger } from '../../logger.js';
import { isDuplicateKey } from '../../store/storeError.js';

/** Two stored customers that look like one company, found by a scan. */
export interface SuspectedPair extends Doc {
  scanId: string;
  a: { id: string; name: string };
  b: { id: string; name: string };
  score: number;
  reasons: string[];
  verdict: 'duplicate' | 'review';
  /** Set once an admin resolved the pair. */
  resolution?: 'merged' | 'distinct';
}

/** A re-scan of every stored customer: a background job with its progress. */
export interface ScanReport extends Doc {
  status: 'running' | 'done' | 'failed' | 'interrupted';
  /** Set while running: a unique partial index allows one running scan. */
  running?: true;
  startedAt: string;
  finishedAt?: string;
  by: string;
  total: number;
  scanned: number;
  pairsFound: number;
  error?: string;
}

/** Customers checked per batch (one lookup of their profiles, one insert of their pairs, one progress update). */
const BATCH = 500;

/** Re-scans stored customers for duplicates already in the data, and resolves them: merge, or mark as distinct. */
export class DuplicateScan {
  readonly reports: Collection<ScanReport>;
  readonly pairs: Collection<SuspectedPair>;
  private running: Promise<void> | undefined;

  constructor(
    store: Store,
    private readonly claims: ClaimsService,
    private readonly finder: DuplicateFinder,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {
    this.reports = store.collection<ScanReport>('duplicateScans');
    this.pairs = store.collection<SuspectedPair>('duplicatePairs');
  }

  /** Indexes, and scans a previous process left running marked as interrupted. */
  async prepare(): Promise<void> {
    await this.reports.createIndex({ name: 'one_running_scan', keys: { running: 1 }, unique: true, partialFilterExpression: { running: true } });
    await this.pairs.createIndex({ name: 'pairs_by_scan', keys: { scanId: 1 } });
    await this.reports.updateMany({ running: true }, { $set: { status: 'interrupted', finishedAt: this.clock().toISOString() }, $unset: { running: '' } });
  }

  /**
   * Starts a scan in the background and returns its report at once; follow it
   * with `report()`. One scan runs at a time (409 while another is running).
   */
  async start(principal: Principal): Promise<ScanReport> {
    const report: ScanReport = {
      _id: newId(),
      status: 'running',
      running: true,
      startedAt: this.clock().toISOString(),
      by: principal.id,
      total: await this.claims.customers.countDocuments({}),
      scanned: 0,
      pairsFound: 0,
    };
    try {
      await this.reports.insertOne(report);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const current = await this.reports.findOne({ running: true });
      throw new DomainError('conflict', 'A scan is already running', { scanId: current?._id });
    }
    await this.audit.record({ actor: principal, action: 'duplicates.scan-started', subject: report._id, data: { total: report.total } });
    this.running = this.run(report).finally(() => {
      this.running = undefined;
    });
    const { running: _flag, ...shown } = report;
    return shown;
  }

  /** Resolves when no scan of this process is running. */
  async idle(): Promise<void> {
    await this.running;
  }

  /** A scan's progress, and its suspected pairs best first (a page of them). */
  async report(id: string, limit: number, skip: number): Promise<ScanReport & { pairs: SuspectedPair[] }> {
    const report = await this.reports.findOne({ _id: id });
    if (!report) throw new DomainError('not-found', 'No such scan');
    const pairs = await this.pairs.find({ scanId: id }, { sort: { score: -1, _id: 1 }, limit, skip });
    return { ...report, pairs };
  }

  list(limit: number, skip: number): Promise<ScanReport[]> {
    return this.reports.find({}, { sort: { startedAt: -1 }, limit, skip });
  }

  private async run(report: ScanReport): Promise<void> {
    const seen = new Set<string>();
    let scanned = 0;
    let found = 0;
    try {
      const settings = await this.finder.settings();
      // Ids only up front; profiles are read a batch at a time.
      const ids = (await this.claims.customers.find({}, { projection: { _id: 1 } })).map((doc) => doc._id);
      for (let at = 0; at < ids.length; at += BATCH) {
        const batch = await this.claims.customers.find({ _id: { $in: ids.slice(at, at + BATCH) } }, { projection: { name: 1, creditCode: 1, region: 1, phoneKey: 1, profile: 1, distinctFrom: 1 } });
        const pairs: SuspectedPair[] = [];
        for (const customer of batch) {
          for (const candidate of await this.finder.candidates(profileOfCustomer(customer), { excludeId: customer._id, settings })) {
            if (candidate.verdict !== 'duplicate' && candidate.verdict !== 'review') continue;
            if (customer.distinctFrom?.includes(candidate.customer._id)) continue;
            const key = [customer._id, candidate.customer._id].sort().join('|');
            if (seen.has(key)) continue;
            seen.add(key);
            pairs.push({
              _id: `${report._id}|${key}`,
              scanId: report._id,
              a: { id: customer._id, name: customer.name },
              b: { id: candidate.customer._id, name: candidate.customer.name },
              score: candidate.match.score,
              reasons: candidate.match.reasons,
              verdict: candidate.verdict,
            });
          }
        }
        if (pairs.length > 0) await this.pairs.insertMany(pairs);
        scanned += batch.length;
        found += pairs.length;
        await this.reports.updateOne({ _id: report._id }, { $set: { scanned, pairsFound: found } });
      }
      await this.reports.updateOne({ _id: report._id }, { $set: { status: 'done', finishedAt: this.clock().toISOString() }, $unset: { running: '' } });
      this.logger.info('duplicate scan finished', { scanId: report._id, scanned, pairs: found });
    } catch (error) {
      this.logger.error('duplicate scan failed', { scanId: report._id, error: (error as Error).message });
      await this.reports
        .updateOne({ _id: report._id }, { $set: { status: 'failed', error: (error as Error).message, finishedAt: this.clock().toISOString() }, $unset: { running: '' } })
        .catch(() => undefined);
    }
  }

  /** Records that two customers are different companies: they are never reported as duplicates of each other again. */
  async markDistinct(principal: Principal, a: string, b: string): Promise<void> {
    await this.pair(a, b);
    await this.claims.customers.updateOne({ _id: a }, { $addToSet: { distinctFrom: b } });
    await this.claims.customers.updateOne({ _id: b }, { $addToSet: { distinctFrom: a } });
    await this.settled(a, b, 'distinct');
    await this.audit.record({ actor: principal, action: 'duplicates.distinct', subject: a, data: { other: b } });
  }

  /**
   * Merges customer `b` into `a`: b's claims, collisions and appeals move to a,
   * a keeps b's blocking keys (so b's spelling still finds it), and b is deleted.
   * Refused while both are held: release or transfer one first.
   */
  async merge(principal: Principal, a: string, b: string): Promise<void> {
    const [keep, drop] = await this.pair(a, b);
    const [holderA, holderB] = await Promise.all([this.claims.holderOf(a), this.claims.holderOf(b)]);
    if (holderA && holderB) throw new DomainError('conflict', 'Both customers are held: release or transfer one claim first');
    // Every key of the merged customer, its credit code's and phone's too: those were its own fields, which go with it.
    const dropProfile = profileOfCustomer(drop);
    const dropKeys = [...new Set([...blockingKeys(dropProfile), ...drop.dedupKeys])];
    await this.claims.customers.updateOne(
      { _id: a },
      { $addToSet: { dedupKeys: { $each: dropKeys }, mergedKeys: { $each: [...dropKeys, ...(drop.mergedKeys ?? [])] }, aliasProfiles: { $each: [dropProfile, ...(drop.aliasProfiles ?? [])] }, aliases: drop.name } },
    );
    await this.claims.claims.updateMany({ customerId: b }, { $set: { customerId: a, customerName: keep.name } });
    await this.claims.collisions.updateMany({ customerId: b }, { $set: { customerId: a } });
    await this.claims.customers.deleteOne({ _id: b });
    await this.settled(a, b, 'merged');
    await this.audit.record({ actor: principal, action: 'duplicates.merged', subject: a, data: { merged: b, mergedName: drop.name } });
  }

  /** Marks the pair resolved in every scan report that lists it. */
  private async settled(a: string, b: string, resolution: 'merged' | 'distinct'): Promise<void> {
    await this.pairs.updateMany({ $or: [{ 'a.id': a, 'b.id': b }, { 'a.id': b, 'b.id': a }] }, { $set: { resolution } });
  }

  private async pair(a: string, b: string) {
    if (a === b) throw new DomainError('invalid', 'Name two different customers', { details: [{ path: '/b', message: 'same as a' }] });
    const [keep, drop] = await Promise.all([this.claims.customers.findOne({ _id: a }), this.claims.customers.findOne({ _id: b })]);
    if (!keep || !drop) throw new DomainError('not-found', 'No such customer', { details: [{ path: keep ? '/b' : '/a', message: 'not found' }] });
    return [keep, drop] as const;
  }
}
