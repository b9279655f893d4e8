import type { MessageKey } from '../../i18n/messages.js';
import type { OrgUser, UserRole } from './organisationTypes.js';

/** What the user form holds: on creation every field; on an edit no username or password. */
export interface UserFormValues {
  username?: string;
  displayName: string;
  role: UserRole;
  teams?: string[];
  password?: string;
}

/** The username the server accepts: 2–64 letters, digits, dots, underscores or hyphens. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{2,64}$/;
/** The fewest characters of a new password (the server also refuses the most common ones). */
export const MIN_PASSWORD_LENGTH = 12;

/** Roles that belong to the whole organisation and need no team. */
const ORGANISATION_ROLES: readonly UserRole[] = ['admin', 'finance', 'director'];

/** What is wrong with a role's teams, as the server checks them: a rep has exactly one team, a manager at least one. */
export function teamsProblem(role: UserRole | undefined, teams: readonly string[] | undefined): MessageKey | undefined {
  const count = teams?.length ?? 0;
  if (!role || ORGANISATION_ROLES.includes(role)) return undefined;
  if (count === 0) return 'org.teamNeeded';
  if (role === 'rep' && count > 1) return 'org.oneTeamForRep';
  return undefined;
}

/** The body of `POST /api/users`: names trimmed, teams kept only for roles that have them. */
export function newUserBody(values: UserFormValues): { username: string; password: string; displayName: string; role: UserRole; teams: string[] } {
  return {
    username: (values.username ?? '').trim(),
    password: values.password ?? '',
    displayName: values.displayName.trim(),
    role: values.role,
    teams: ORGANISATION_ROLES.includes(values.role) ? [] : [...(values.teams ?? [])],
  };
}

/**
 * The calls an edit needs, only for what changed: the display name
 * (`PUT /api/users/:id`), the role and teams (`PUT /api/users/:id/role`, which
 * ends the user's sessions, so it is not sent when neither changed).
 */
export function userEdits(user: OrgUser, values: UserFormValues): Array<{ path: string; body: Record<string, unknown> }> {
  const edits: Array<{ path: string; body: Record<string, unknown> }> = [];
  const displayName = values.displayName.trim();
  if (displayName !== user.displayName) edits.push({ path: `/api/users/${user._id}`, body: { displayName } });
  const teams = ORGANISATION_ROLES.includes(values.role) ? [] : [...(values.teams ?? [])];
  const sameTeams = teams.length === user.teams.length && teams.every((team) => user.teams.includes(team));
  if (values.role !== user.role || !sameTeams) edits.push({ path: `/api/users/${user._id}/role`, body: { role: values.role, teams } });
  return edits;
}

/** Whether a user matches what the admin typed in the search box: their username or display name contains it, ignoring case. */
export function userMatches(user: Pick<OrgUser, 'username' | 'displayName'>, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  return wanted === '' || user.username.toLowerCase().includes(wanted) || user.displayName.toLowerCase().includes(wanted);
}
