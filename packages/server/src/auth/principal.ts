export const ROLES = ['admin', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a signed-in user or an API key, with the role and teams the server holds for them. */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Teams a rep belongs to, or a manager manages. */
  teams: string[];
}
