import { personOf } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import type { UsersRepository } from '../users/usersRepository.js';

/** What deciding a proposal depends on. */
export interface DecidedProposal {
  input: { kind: 'customer' | 'book' | 'territory' };
  proposedBy: string;
  /** The person behind the proposer (the key's creator for an API key). */
  proposedByPerson?: string;
  receivingTeams: string[];
}

/**
 * Why `principal` may not decide `proposal`, or null when they may:
 * - nobody decides their own proposal, admins included;
 * - a territory redraw changes a team's territory, which is an admin's to set: only an admin decides it;
 * - one customer or a rep's book: an admin, or a manager of every receiving team.
 *   A proposal that reaches no team (nothing moves) has no manager to decide it: only an admin may.
 */
export function deciderProblem(principal: Principal, proposal: DecidedProposal): string | null {
  if (proposal.proposedBy === principal.id || (proposal.proposedByPerson ?? proposal.proposedBy) === personOf(principal)) return 'You proposed this change: another manager or an admin decides it';
  if (principal.role === 'admin') return null;
  if (proposal.input.kind === 'territory') return 'A territory redraw changes a team’s territory: an admin decides it';
  const receiving = proposal.receivingTeams;
  if (principal.role !== 'manager' || receiving.length === 0 || !receiving.every((team) => principal.teams.includes(team))) {
    return 'Only a manager of every receiving team, or an admin, decides this proposal';
  }
  return null;
}

/**
 * Who may decide a proposal besides an admin: the managers of every
 * receiving team other than its proposer (by display name, sorted); none for
 * a territory redraw or a proposal that reaches no team.
 */
export async function proposalDeciders(users: UsersRepository, proposal: DecidedProposal): Promise<string[]> {
  if (proposal.input.kind === 'territory' || proposal.receivingTeams.length === 0) return [];
  const managers = await users.users.find({ role: 'manager', teams: { $all: proposal.receivingTeams } }, { projection: { displayName: 1 }, sort: { displayName: 1 } });
  return managers.filter((m) => m._id !== proposal.proposedBy).map((m) => m.displayName);
}
