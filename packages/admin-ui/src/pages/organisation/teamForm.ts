import type { CustomerSize, Member, MemberRole, OrgUser, Territory } from './organisationTypes.js';

/** A territory as the drawer's form holds it: every narrowing a list, empty meaning "any". */
export interface TerritoryRow {
  regions: string[];
  sizes: CustomerSize[];
  industries: string[];
  productLines: string[];
}

/** A user of the team as the members form holds them: whether assignment counts them in, and how. */
export interface MemberRow {
  userId: string;
  name: string;
  /** Whether they are a member assignment gives customers to. */
  member: boolean;
  role: MemberRole;
  capacity: number;
  available: boolean;
  /** Their account is disabled: shown, but they cannot sign in to work the customers. */
  disabled: boolean;
}

/** The default capacity proposed for a new member. */
export const DEFAULT_CAPACITY = 50;

/** The team's territories as form rows. */
export function territoryRows(territories: readonly Territory[] | undefined): TerritoryRow[] {
  return (territories ?? []).map((territory) => ({
    regions: [...territory.regions],
    sizes: [...(territory.sizes ?? [])],
    industries: [...(territory.industries ?? [])],
    productLines: [...(territory.productLines ?? [])],
  }));
}

const cleanList = (values: readonly string[] | undefined) => [...new Set((values ?? []).map((value) => value.trim()).filter(Boolean))];

/** The body of `PUT /api/teams/:id/territories`: regions without repeats; a narrowing left empty is not sent (it means any). */
export function territoriesBody(rows: readonly Partial<TerritoryRow>[] | undefined): { territories: Territory[] } {
  return {
    territories: (rows ?? []).map((row) => {
      const territory: Territory = { regions: cleanList(row.regions) };
      if (row.sizes?.length) territory.sizes = [...new Set(row.sizes)];
      const industries = cleanList(row.industries);
      if (industries.length) territory.industries = industries;
      const productLines = cleanList(row.productLines);
      if (productLines.length) territory.productLines = productLines;
      return territory;
    }),
  };
}

/**
 * Every user of the team (reps and managers) as a members row: those already
 * members with their settings, the others offered with defaults and left out
 * until the admin counts them in. Members first, then by name.
 */
export function memberRows(teamId: string, users: readonly OrgUser[], members: readonly Member[] | undefined): MemberRow[] {
  const inTeam = users.filter((user) => user.teams.includes(teamId) && (user.role === 'rep' || user.role === 'manager'));
  const rows = inTeam.map((user): MemberRow => {
    const member = members?.find((candidate) => candidate.userId === user._id);
    return {
      userId: user._id,
      name: user.displayName,
      member: member !== undefined,
      role: member?.role ?? 'inside',
      capacity: member?.capacity ?? DEFAULT_CAPACITY,
      available: member?.available ?? true,
      disabled: user.disabled ?? false,
    };
  });
  return rows.sort((a, b) => Number(b.member) - Number(a.member) || a.name.localeCompare(b.name, 'zh'));
}

/** The body of `PUT /api/teams/:id/members`: the rows counted in, each with its role, capacity and availability. */
export function membersBody(rows: readonly MemberRow[] | undefined): { members: Member[] } {
  return {
    members: (rows ?? []).filter((row) => row.member).map((row) => ({ userId: row.userId, role: row.role, capacity: row.capacity, available: row.available })),
  };
}

/** A problem's pointer into the members body (`/members/1/capacity`) as a pointer into the rows the form shows, which include those left out. */
export function memberRowPointer(pointer: string, rows: readonly MemberRow[]): string {
  const match = /^\/members\/(\d+)(\/.*)?$/.exec(pointer);
  if (!match) return pointer;
  const included = rows.map((row, index) => (row.member ? index : -1)).filter((index) => index >= 0);
  const row = included[Number(match[1])];
  return row === undefined ? pointer : `/members/${row}${match[2] ?? ''}`;
}
