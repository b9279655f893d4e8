import type { Principal } from '../../auth/principal.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimsService } from './claimsService.js';

/** What everyone may see of a customer in the public pool. */
export interface PoolEntry {
  customerId: string;
  name: string;
  industry: string;
  region: string;
  grade: string;
}

const SYSTEM: Principal = { kind: 'user', id: 'system', username: 'system', displayName: 'System', role: 'admin', teams: [] };

/** The public pool: customers nobody holds, and the job that returns expired claims to it. */
export class PoolService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  async list(limit = 200, skip = 0): Promise<PoolEntry[]> {
    const held = await this.claims.claims.find({ status: 'active' }, { projection: { customerId: 1 } });
    const customers = await this.claims.customers.find(
      { _id: { $nin: held.map((claim) => claim.customerId) } },
      { sort: { createdAt: -1 }, limit, skip },
    );
    return customers.map((c) => ({ customerId: c._id, name: c.name, industry: c.industry, region: c.region, grade: c.grade }));
  }

  /**
   * Ends every active claim whose protection has run out; each ends once, even
   * when several processes run the job at the same time.
   */
  async expireClaims(): Promise<number> {
    const now = this.clock().toISOString();
    let expired = 0;
    for (;;) {
      const claim = await this.claims.claims.findOneAndUpdate(
        { status: 'active', expiresAt: { $lte: now } },
        { $set: { status: 'expired', endedAt: now } },
        { sort: { expiresAt: 1 } },
      );
      if (!claim) return expired;
      expired += 1;
      await this.audit.record({ actor: SYSTEM, action: 'claim.expired', subject: claim._id, data: { customerId: claim.customerId, repId: claim.repId }, teams: [claim.team] });
    }
  }
}
