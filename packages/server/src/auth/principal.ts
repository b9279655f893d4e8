import type { EmbedGrant } from './tokens.js';

/**
 * `admin` configures, `manager` leads teams, `rep` sells; `finance` and
 * `director` own credit: they read credit reports and approve limits (a director up to any level).
 */
export const ROLES = ['admin', 'manager', 'rep', 'finance', 'director'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work on every customer, not a team's: they need no team. */
export const ORGANISATION_ROLES: readonly Role[] = ['admin', 'finance', 'director'];

/** Who is calling: a signed-in user or an API key, with the role and teams the server holds for them. */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Teams a rep belongs to, or a manager manages. */
  teams: string[];
  /** Set when the caller is an embedded registration form: it may only register (see `embeddable` routes). */
  embed?: EmbedGrant;
  /** Set for a registrar key: it may only call `registrar` routes (register for a named rep, decide). */
  registrar?: boolean;
  /** Set when a registrar key acts for a rep: the key behind the rep's call, which audit entries name. */
  via?: { keyId: string; keyName: string };
  /** For an API key: the user who created it, the person behind its calls (see `personOf`). */
  onBehalfOf?: string;
}

/**
 * The person behind a caller: the user, or for an API key the user who made it.
 * "Never decided by its proposer" compares persons, so an admin cannot approve
 * their own proposal through a key they minted, nor the reverse.
 */
export function personOf(principal: Principal): string {
  return principal.onBehalfOf ?? principal.id;
}

/** The server itself, acting on a schedule (expiry, reviews), as audit entries name it. */
export function systemPrincipal(displayName: string, role: Role): Principal {
  return { kind: 'user', id: 'system', username: 'system', displayName, role, teams: [] };
}
