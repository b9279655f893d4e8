/** A claim as the My customers list reads it from `GET /api/claims`. */
export interface ClaimRow {
  _id: string;
  customerId: string;
  customerName: string;
  grade: string;
  status: string;
  expiresAt: string;
  locked?: boolean;
  industry: string | null;
  region: string | null;
}

/** What a row's status column says: protected (the clock runs), a deal is open (it does not lapse), or signed. */
export type HoldingStatus = 'protected' | 'deal' | 'converted';

/** The table's search and filters; an empty list means "any". */
export interface ClaimFilters {
  search?: string;
  expiringSoon?: boolean;
  grades?: readonly string[];
  industries?: readonly string[];
  statuses?: readonly HoldingStatus[];
}

const DAY_MS = 86_400_000;

/** "Expiring soon": protection ends within this many days. */
export const EXPIRING_SOON_DAYS = 7;

/** Whole days of protection left, or null when the claim does not lapse (assigned customers). */
export function daysLeft(expiresAt: string, now: Date): number | null {
  const until = Date.parse(expiresAt);
  if (until - now.getTime() > 3650 * DAY_MS) return null;
  return Math.max(0, Math.ceil((until - now.getTime()) / DAY_MS));
}

/** The status a rep reads for a claim she holds. */
export function holdingStatus(claim: Pick<ClaimRow, 'status' | 'locked'>): HoldingStatus {
  if (claim.status === 'converted') return 'converted';
  return claim.locked ? 'deal' : 'protected';
}

/** Whether the claim's protection runs out within `EXPIRING_SOON_DAYS` (a deal or a signed contract never does). */
export function expiringSoon(claim: Pick<ClaimRow, 'status' | 'locked' | 'expiresAt'>, now: Date): boolean {
  if (holdingStatus(claim) !== 'protected') return false;
  const left = daysLeft(claim.expiresAt, now);
  return left !== null && left <= EXPIRING_SOON_DAYS;
}

/** The rows that pass the search (part of the name, any case) and every filter set. */
export function filterClaims<T extends ClaimRow>(rows: readonly T[], filters: ClaimFilters, now: Date): T[] {
  const search = filters.search?.trim().toLowerCase() ?? '';
  const any = <V>(chosen: readonly V[] | undefined, value: V) => !chosen || chosen.length === 0 || chosen.includes(value);
  return rows.filter(
    (row) =>
      (search === '' || row.customerName.toLowerCase().includes(search)) &&
      (!filters.expiringSoon || expiringSoon(row, now)) &&
      any(filters.grades, row.grade) &&
      any(filters.industries, row.industry ?? '') &&
      any(filters.statuses, holdingStatus(row)),
  );
}

/** Orders rows by protection left, soonest first; claims that never lapse last. */
export function byProtectionLeft(a: Pick<ClaimRow, 'expiresAt'>, b: Pick<ClaimRow, 'expiresAt'>): number {
  return Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
}
