/** The roles a user may have, in the order the screens offer them. */
export const USER_ROLES = ['rep', 'manager', 'admin', 'finance', 'director'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** How a member of a team sells: from the office (inside) or on the road (field). */
export const MEMBER_ROLES = ['inside', 'field'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The customer sizes a territory may be narrowed to. */
export const CUSTOMER_SIZES = ['individual', 'sme', 'large'] as const;
export type CustomerSize = (typeof CUSTOMER_SIZES)[number];

/** A user as `GET /api/users` answers. */
export interface OrgUser {
  _id: string;
  username: string;
  displayName: string;
  role: UserRole;
  teams: string[];
  disabled?: boolean;
  createdAt: string;
}

/** A team as `GET /api/teams` answers. */
export interface OrgTeam {
  _id: string;
  name: string;
  createdAt: string;
  territories?: Territory[];
  members?: Member[];
}

/** Where a team sells, as the API takes it. */
export interface Territory {
  regions: string[];
  sizes?: CustomerSize[];
  industries?: string[];
  productLines?: string[];
}

/** A member of a team as assignment sees them, as the API takes it. */
export interface Member {
  userId: string;
  role: MemberRole;
  capacity: number;
  available: boolean;
}
