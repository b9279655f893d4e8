import type { Principal } from '../../auth/principal.js';
import type { Collection, Filter, Store } from '../../store/collection.js';
import { divisionName } from '../assignment/divisions.js';
import type { AppealDoc, ClaimDoc, CollisionDoc, CustomerDoc } from '../claims/claimDocs.js';
import type { CreditAccountDoc } from '../credit/creditDocs.js';
import { ScopedCache } from './scopedCache.js';

/** A count per key, largest first. */
export interface Tally {
  key: string;
  label: string;
  count: number;
}

/** What the dashboards show, for the caller's scope (a manager: their teams; others: everything). */
export interface DashboardSummary {
  asOf: string;
  customers: { total: number; byGrade: Tally[]; byProvince: Tally[]; byCity: Tally[]; byIndustry: Tally[]; byOwner: Tally[] };
  /** Collisions and appeals per day, the last `days` days, oldest first; days without any are zeros. */
  overTime: Array<{ day: string; collisions: number; appeals: number }>;
  expiringThisWeek: { count: number; claims: Array<{ claimId: string; customerName: string; repName: string; teamName: string; expiresAt: string }> };
  /** Active customers per rep holding any, with the spread: the largest load over the smallest. */
  load: { reps: Tally[]; max: number; min: number; spread: number | null };
  exposureByTier: Array<{ tier: string; accounts: number; limit: number; exposure: number }>;
}

const DAY_MS = 86_400_000;
const OVER_TIME_DAYS = 30;
const TIER_ORDER = ['low', 'medium', 'high', 'reject'];

type Row = { _id: unknown; count: number };
const tallies = (rows: Row[], label: (key: string) => string = (key) => key): Tally[] =>
  rows.map((row) => ({ key: String(row._id ?? ''), label: label(String(row._id ?? '')), count: row.count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * The figures behind the dashboards, each one aggregation pipeline in
 * MongoDB's dialect (the embedded store runs the same ones): customers by
 * grade, province, industry and owner; collisions and appeals per day; claims
 * ending within a week; load per rep; credit exposure per tier. The figures
 * of a scope (a manager's set of teams, or everything) are reused for a short
 * while (`cacheMs`), and callers asking at once share one computation.
 */
export class Dashboard {
  private readonly claims: Collection<ClaimDoc>;
  private readonly customers: Collection<CustomerDoc>;
  private readonly collisions: Collection<CollisionDoc>;
  private readonly appeals: Collection<AppealDoc>;
  private readonly accounts: Collection<CreditAccountDoc>;
  private readonly cache: ScopedCache<DashboardSummary>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
    options: { cacheMs: number } = { cacheMs: 30_000 },
  ) {
    this.cache = new ScopedCache(options.cacheMs, clock);
    this.claims = store.collection<ClaimDoc>('claims');
    this.customers = store.collection<CustomerDoc>('customers');
    this.collisions = store.collection<CollisionDoc>('collisions');
    this.appeals = store.collection<AppealDoc>('appeals');
    this.accounts = store.collection<CreditAccountDoc>('creditAccounts');
  }

  /** The figures of the caller's scope, as of at most `cacheMs` ago. */
  summary(principal: Principal): Promise<DashboardSummary> {
    // Only a manager's view is narrowed, to their teams: every other role sees the same figures.
    const managed = principal.role === 'manager' ? [...new Set(principal.teams)].sort() : undefined;
    return this.cache.get(managed ? `teams:${JSON.stringify(managed)}` : 'everything', () => this.compute(managed));
  }

  private async compute(managed: string[] | undefined): Promise<DashboardSummary> {
    const now = this.clock();
    const teams = managed ? { $in: managed } : undefined;
    const activeClaims: Filter = { status: 'active', ...(teams ? { team: teams } : {}) };
    const since = new Date(now.getTime() - (OVER_TIME_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const weekEnd = new Date(now.getTime() + 7 * DAY_MS).toISOString();
    const perDay = (field: string) => [{ $group: { _id: { $substrCP: [`$${field}`, 0, 10] }, count: { $sum: 1 } } }];

    // A manager's customers are those their teams hold; everyone else sees every customer.
    const held = teams ? (await this.claims.aggregate<{ _id: string }>([{ $match: activeClaims }, { $group: { _id: '$customerId' } }])).map((row) => row._id) : undefined;
    const customerScope: Filter = held ? { _id: { $in: held } } : {};
    const [customerFacets, owners, collisions, appeals, expiring, expiringCount, exposure] = await Promise.all([
      this.customers.aggregate<{ total: Array<{ count: number }>; grade: Row[]; province: Row[]; city: Row[]; industry: Row[] }>([
        { $match: customerScope },
        {
          $facet: {
            total: [{ $count: 'count' }],
            grade: [{ $group: { _id: '$grade', count: { $sum: 1 } } }],
            province: [{ $group: { _id: { $substrCP: ['$region', 0, 2] }, count: { $sum: 1 } } }],
            city: [{ $group: { _id: { $substrCP: ['$region', 0, 4] }, count: { $sum: 1 } } }],
            industry: [{ $group: { _id: '$industry', count: { $sum: 1 } } }],
          },
        },
      ]),
      this.claims.aggregate<Row & { name: string }>([{ $match: activeClaims }, { $group: { _id: '$repId', name: { $first: '$repName' }, count: { $sum: 1 } } }]),
      this.collisions.aggregate<Row>([{ $match: { at: { $gte: since }, ...(teams ? { $or: [{ holderTeam: teams }, { registrantTeam: teams }] } : {}) } }, ...perDay('at')]),
      this.appeals.aggregate<Row>([{ $match: { createdAt: { $gte: since }, ...(teams ? { $or: [{ holderTeam: teams }, { appellantTeam: teams }] } : {}) } }, ...perDay('createdAt')]),
      this.claims.find({ ...activeClaims, expiresAt: { $gte: now.toISOString(), $lt: weekEnd } }, { sort: { expiresAt: 1 }, limit: 50 }),
      this.claims.countDocuments({ ...activeClaims, expiresAt: { $gte: now.toISOString(), $lt: weekEnd } }),
      this.accounts.aggregate<{ _id: string; accounts: number; limit: number; exposure: number }>([
        { $match: teams ? { team: teams } : {} },
        { $group: { _id: '$tier', accounts: { $sum: 1 }, limit: { $sum: '$limit' }, exposure: { $sum: '$exposure' } } },
      ]),
    ]);
    const facets = customerFacets[0] ?? { total: [], grade: [], province: [], city: [], industry: [] };
    const names = new Map(owners.map((row) => [String(row._id), row.name]));
    const reps = tallies(owners, (id) => names.get(id) ?? id);
    const counts = reps.map((rep) => rep.count);
    const max = counts.length ? Math.max(...counts) : 0;
    const min = counts.length ? Math.min(...counts) : 0;

    const collisionDays = new Map(collisions.map((row) => [String(row._id), row.count]));
    const appealDays = new Map(appeals.map((row) => [String(row._id), row.count]));
    const overTime = Array.from({ length: OVER_TIME_DAYS }, (_, index) => {
      const day = new Date(now.getTime() - (OVER_TIME_DAYS - 1 - index) * DAY_MS).toISOString().slice(0, 10);
      return { day, collisions: collisionDays.get(day) ?? 0, appeals: appealDays.get(day) ?? 0 };
    });

    return {
      asOf: now.toISOString(),
      customers: {
        total: facets.total[0]?.count ?? 0,
        byGrade: tallies(facets.grade).sort((a, b) => a.key.localeCompare(b.key)),
        byProvince: tallies(facets.province, (code) => divisionName(code) || code),
        // A city's label is its own name; the province it is in is the first two digits of its key.
        byCity: tallies(facets.city, (code) => divisionName(code).split(' · ').at(-1) || code),
        byIndustry: tallies(facets.industry),
        byOwner: reps,
      },
      overTime,
      expiringThisWeek: {
        count: expiringCount,
        claims: expiring.map((claim) => ({ claimId: claim._id, customerName: claim.customerName, repName: claim.repName, teamName: claim.teamName, expiresAt: claim.expiresAt })),
      },
      load: { reps, max, min, spread: min > 0 ? Math.round((max / min) * 100) / 100 : null },
      exposureByTier: exposure.map((row) => ({ tier: row._id, accounts: row.accounts, limit: row.limit, exposure: row.exposure })).sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier)),
    };
  }
}
