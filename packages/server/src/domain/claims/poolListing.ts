import type { Filter } from '../../store/collection.js';
import type { ClaimDoc, ClaimStatus, CustomerDoc } from './claimDocs.js';
import type { ClaimsService } from './claimsService.js';

/** How a customer came back to the pool: its last claim's end, or `new` when nobody ever held it. */
export type PoolReason = Extract<ClaimStatus, 'expired' | 'released' | 'transferred'> | 'new';
export const POOL_REASONS: readonly PoolReason[] = ['expired', 'released', 'transferred', 'new'];

/** What everyone may see of a customer in the public pool, and why and when it came back. */
export interface PoolEntry {
  customerId: string;
  name: string;
  industry: string;
  region: string;
  grade: string;
  /** How its last claim ended (it lapsed, its holder released it, …); null when nobody ever held it. */
  returnReason: Exclude<PoolReason, 'new'> | null;
  /** When it came back to the pool (its last claim's end); null when nobody ever held it. */
  returnedAt: string | null;
}

/** Which pool customers a list shows, in which order, and which page. */
export interface PoolQuery {
  /** Part of the name, any case. */
  q?: string;
  grade?: string;
  industry?: string;
  /** Why it came back. */
  reason?: PoolReason;
  sort?: PoolSort;
  limit?: number;
  skip?: number;
}

/** Orders of the pool list: by name, registration date or the date it came back; `-` for descending. */
export const POOL_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'returnedAt', '-returnedAt'] as const;
export type PoolSort = (typeof POOL_SORTS)[number];

const ENDED: ClaimStatus[] = ['expired', 'released', 'transferred'];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each customer's latest ended claim, by customer id. */
async function latestEnds(claims: ClaimsService, customerIds: string[]): Promise<Map<string, Pick<ClaimDoc, 'status' | 'endedAt'>>> {
  const ended = await claims.claims.find({ customerId: { $in: customerIds }, status: { $in: ENDED } }, { sort: { endedAt: -1 }, projection: { customerId: 1, status: 1, endedAt: 1 } });
  const latest = new Map<string, Pick<ClaimDoc, 'status' | 'endedAt'>>();
  for (const claim of ended) if (!latest.has(claim.customerId)) latest.set(claim.customerId, claim);
  return latest;
}

function entryOf(customer: CustomerDoc, last: Pick<ClaimDoc, 'status' | 'endedAt'> | undefined): PoolEntry {
  return {
    customerId: customer._id,
    name: customer.name,
    industry: customer.industry,
    region: customer.region,
    grade: customer.grade,
    returnReason: (last?.status as PoolEntry['returnReason'] | undefined) ?? null,
    returnedAt: last?.endedAt ?? null,
  };
}

/**
 * A page of the pool (every customer but `excluded`: the held and the queued)
 * searched, filtered and ordered as asked, with the number of matches. Search,
 * grade, industry and the name or registration order are the store's work,
 * one page read. Why and when a customer came back is its latest ended claim:
 * ordering or filtering by it reads every matching customer's (a pool is
 * thousands, not millions), so its answers hold for customers that came back
 * before this was written too.
 */
export async function listPool(claims: ClaimsService, excluded: string[], query: PoolQuery): Promise<{ customers: PoolEntry[]; total: number }> {
  const filter: Filter = {
    _id: { $nin: excluded },
    ...(query.q ? { name: { $regex: escapeRegExp(query.q), $options: 'i' } } : {}),
    ...(query.grade ? { grade: query.grade } : {}),
    ...(query.industry ? { industry: query.industry } : {}),
  };
  const sort = query.sort ?? '-createdAt';
  const descending = sort.startsWith('-') ? -1 : 1;
  const field = sort.replace(/^-/, '');
  const limit = query.limit ?? 200;
  const skip = query.skip ?? 0;

  if (field !== 'returnedAt' && !query.reason) {
    const [customers, total] = await Promise.all([claims.customers.find(filter, { sort: { [field]: descending, _id: 1 }, limit, skip }), claims.customers.countDocuments(filter)]);
    const latest = await latestEnds(claims, customers.map((c) => c._id));
    return { total, customers: customers.map((c) => entryOf(c, latest.get(c._id))) };
  }

  const everyone = await claims.customers.find(filter, { sort: { createdAt: -1, _id: 1 }, projection: { name: 1, industry: 1, region: 1, grade: 1, createdAt: 1 } });
  const latest = await latestEnds(claims, everyone.map((c) => c._id));
  let entries = everyone.map((c) => entryOf(c, latest.get(c._id)));
  if (query.reason) entries = entries.filter((entry) => (entry.returnReason ?? 'new') === query.reason);
  if (field === 'returnedAt') {
    // Never-claimed customers have no date: they come last either way.
    entries.sort((a, b) => (a.returnedAt === null ? 1 : b.returnedAt === null ? -1 : descending * a.returnedAt.localeCompare(b.returnedAt)));
  } else if (field === 'name') {
    // By code point, as the store orders names.
    entries.sort((a, b) => descending * (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } else if (descending === 1) {
    entries.reverse();
  }
  return { total: entries.length, customers: entries.slice(skip, skip + limit) };
}
