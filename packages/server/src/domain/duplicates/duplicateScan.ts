import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import { ApiError } from '../../http/apiError.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimsService } from '../claims/claimsService.js';
import type { DuplicateFinder } from './duplicateFinder.js';

/** Two stored customers that look like one company. */
export interface SuspectedPair {
  a: { id: string; name: string };
  b: { id: string; name: string };
  score: number;
  reasons: string[];
  verdict: 'duplicate' | 'review';
}

export interface ScanReport extends Doc {
  at: string;
  by: string;
  scanned: number;
  pairs: SuspectedPair[];
}

/** Re-scans stored customers for duplicates already in the data, and resolves them: merge, or mark as distinct. */
export class DuplicateScan {
  readonly reports: Collection<ScanReport>;

  constructor(
    store: Store,
    private readonly claims: ClaimsService,
    private readonly finder: DuplicateFinder,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {
    this.reports = store.collection<ScanReport>('duplicateReports');
  }

  async scan(principal: Principal): Promise<ScanReport> {
    const settings = await this.finder.settings();
    const customers = await this.claims.customers.find({}, { projection: { name: 1, profile: 1, distinctFrom: 1 } });
    const seen = new Set<string>();
    const pairs: SuspectedPair[] = [];
    for (const customer of customers) {
      for (const candidate of await this.finder.candidates(customer.profile, { excludeId: customer._id, settings })) {
        if (candidate.verdict !== 'duplicate' && candidate.verdict !== 'review') continue;
        if (customer.distinctFrom?.includes(candidate.customer._id)) continue;
        const key = [customer._id, candidate.customer._id].sort().join('|');
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push({
          a: { id: customer._id, name: customer.name },
          b: { id: candidate.customer._id, name: candidate.customer.name },
          score: candidate.match.score,
          reasons: candidate.match.reasons,
          verdict: candidate.verdict,
        });
      }
    }
    pairs.sort((x, y) => y.score - x.score);
    const report: ScanReport = { _id: randomUUID(), at: this.clock().toISOString(), by: principal.id, scanned: customers.length, pairs };
    await this.reports.insertOne(report);
    await this.audit.record({ actor: principal, action: 'duplicates.scanned', subject: report._id, data: { scanned: customers.length, pairs: pairs.length } });
    return report;
  }

  /** Records that two customers are different companies: they are never reported as duplicates of each other again. */
  async markDistinct(principal: Principal, a: string, b: string): Promise<void> {
    await this.pair(a, b);
    await this.claims.customers.updateOne({ _id: a }, { $addToSet: { distinctFrom: b } });
    await this.claims.customers.updateOne({ _id: b }, { $addToSet: { distinctFrom: a } });
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
    if (holderA && holderB) throw new ApiError('conflict', 'Both customers are held: release or transfer one claim first');
    await this.claims.customers.updateOne(
      { _id: a },
      { $addToSet: { dedupKeys: { $each: drop.dedupKeys }, mergedKeys: { $each: [...drop.dedupKeys, ...(drop.mergedKeys ?? [])] }, aliasProfiles: { $each: [drop.profile, ...(drop.aliasProfiles ?? [])] }, aliases: drop.name } },
    );
    await this.claims.claims.updateMany({ customerId: b }, { $set: { customerId: a, customerName: keep.name } });
    await this.claims.collisions.updateMany({ customerId: b }, { $set: { customerId: a } });
    await this.claims.customers.deleteOne({ _id: b });
    await this.audit.record({ actor: principal, action: 'duplicates.merged', subject: a, data: { merged: b, mergedName: drop.name } });
  }

  private async pair(a: string, b: string) {
    if (a === b) throw new ApiError('invalid', 'Name two different customers', { details: [{ path: '/b', message: 'same as a' }] });
    const [keep, drop] = await Promise.all([this.claims.customers.findOne({ _id: a }), this.claims.customers.findOne({ _id: b })]);
    if (!keep || !drop) throw new ApiError('not-found', 'No such customer', { details: [{ path: keep ? '/b' : '/a', message: 'not found' }] });
    return [keep, drop] as const;
  }
}
