import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { FieldProblem } from '../../validation/fieldProblem.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimsService } from '../claims/claimsService.js';
import type { Member, TeamDoc, Territory, UsersRepository } from '../users/usersRepository.js';
import { divisionName, isDivision } from './divisions.js';
import type { Workloads } from './workloads.js';

/** One member's line of a balance report. */
export interface MemberBalance {
  userId: string;
  name: string;
  role: Member['role'];
  capacity: number;
  available: boolean;
  active: number;
  weighted: number;
  /** Active customers with no follow-up for `idleDays`. */
  idle: number;
}

export interface BalanceReport {
  team: { id: string; name: string };
  at: string;
  idleDays: number;
  members: MemberBalance[];
  spread: { max: number; min: number; ratio: number | null; cv: number };
}

/** Problems with territories: every region must be a division of the bundled dataset. */
export function territoryProblems(territories: readonly Territory[], base = '/territories'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  territories.forEach((territory, t) =>
    territory.regions.forEach((code, r) => {
      if (!isDivision(code)) problems.push({ path: `${base}/${t}/regions/${r}`, message: `${code} is not a GB/T 2260 division`, code: 'division' });
    }),
  );
  return problems;
}

/** Teams' territories and members, and their balance. */
export class TeamSetup {
  constructor(
    private readonly deps: { users: UsersRepository; claims: ClaimsService; workloads: Workloads; audit: AuditLog; clock: () => Date },
  ) {}

  async team(id: string): Promise<TeamDoc> {
    const team = await this.deps.users.teams.findOne({ _id: id });
    if (!team) throw new DomainError('not-found', 'No such team');
    return team;
  }

  /** A manager acts on their own teams only; an admin on any. */
  assertManages(principal: Principal, teamId: string): void {
    if (principal.role !== 'admin' && !principal.teams.includes(teamId)) throw new DomainError('forbidden', 'You do not manage this team');
  }

  /** The team with its territories named (广东省 · 深圳市 · 南山区) and its members' loads. */
  async describe(principal: Principal, id: string) {
    const team = await this.team(id);
    if (principal.role !== 'admin' && !principal.teams.includes(id)) throw new DomainError('not-found', 'No such team');
    const members = team.members ?? [];
    const loads = await this.deps.workloads.of(members.map((m) => m.userId));
    const users = await this.deps.users.users.find({ _id: { $in: members.map((m) => m.userId) } }, { projection: { displayName: 1 } });
    return {
      ...team,
      territories: (team.territories ?? []).map((territory) => ({ ...territory, regionNames: territory.regions.map(divisionName) })),
      members: members.map((m) => ({ ...m, name: users.find((u) => u._id === m.userId)?.displayName ?? m.userId, active: loads.get(m.userId)?.active ?? 0, weighted: loads.get(m.userId)?.weighted ?? 0 })),
    };
  }

  /** Sets a team's territories directly (a team without customers yet; a redraw that moves customers is a reassignment proposal). */
  async setTerritories(principal: Principal, id: string, territories: Territory[]): Promise<TeamDoc> {
    const team = await this.team(id);
    const problems = territoryProblems(territories);
    if (problems.length > 0) throw new DomainError('invalid', 'Unknown division codes', { details: problems });
    await this.deps.users.teams.updateOne({ _id: id }, { $set: { territories } });
    await this.deps.audit.record({ actor: principal, action: 'team.territories', subject: id, data: { before: team.territories ?? [], after: territories }, teams: [id] });
    return { ...team, territories };
  }

  /** Sets a team's members: each a user of the team, with a role, a capacity and availability. */
  async setMembers(principal: Principal, id: string, members: Member[]): Promise<TeamDoc> {
    const team = await this.team(id);
    this.assertManages(principal, id);
    const users = await this.deps.users.users.find({ _id: { $in: members.map((m) => m.userId) } }, { projection: { teams: 1, role: 1 } });
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    members.forEach((member, i) => {
      const user = users.find((u) => u._id === member.userId);
      if (!user) problems.push({ path: `/members/${i}/userId`, message: 'no such user' });
      else if (!user.teams.includes(id)) problems.push({ path: `/members/${i}/userId`, message: 'not a member of this team' });
      if (seen.has(member.userId)) problems.push({ path: `/members/${i}/userId`, message: 'listed twice' });
      seen.add(member.userId);
    });
    if (problems.length > 0) throw new DomainError('invalid', 'The members are not valid', { details: problems });
    await this.deps.workloads.ensure(members.map((m) => m.userId));
    await this.deps.users.teams.updateOne({ _id: id }, { $set: { members } });
    await this.deps.audit.record({ actor: principal, action: 'team.members', subject: id, data: { before: team.members ?? [], after: members }, teams: [id] });
    return { ...team, members };
  }

  /** Load per member, the spread (max/min and coefficient of variation of active customers), and customers without recent activity. */
  async balance(principal: Principal, id: string, idleDays = 30): Promise<BalanceReport> {
    const team = await this.team(id);
    if (principal.role !== 'admin' && !principal.teams.includes(id)) throw new DomainError('not-found', 'No such team');
    const members = team.members ?? [];
    const ids = members.map((m) => m.userId);
    const [loads, users] = await Promise.all([this.deps.workloads.of(ids), this.deps.users.users.find({ _id: { $in: ids } }, { projection: { displayName: 1 } })]);
    const now = this.deps.clock();
    const idleSince = new Date(now.getTime() - idleDays * 86_400_000).toISOString();
    const active = await this.deps.claims.claims.find({ status: 'active', ownerIds: { $in: ids } }, { projection: { ownerIds: 1, followUps: 1, grantedAt: 1 } });
    const idle = new Map<string, number>();
    for (const claim of active) {
      const last = claim.followUps.at(-1)?.at ?? claim.grantedAt;
      if (last >= idleSince) continue;
      for (const owner of claim.ownerIds ?? []) idle.set(owner, (idle.get(owner) ?? 0) + 1);
    }
    const lines: MemberBalance[] = members.map((m) => ({
      userId: m.userId,
      name: users.find((u) => u._id === m.userId)?.displayName ?? m.userId,
      role: m.role,
      capacity: m.capacity,
      available: m.available,
      active: loads.get(m.userId)?.active ?? 0,
      weighted: loads.get(m.userId)?.weighted ?? 0,
      idle: idle.get(m.userId) ?? 0,
    }));
    return { team: { id, name: team.name }, at: now.toISOString(), idleDays, members: lines, spread: spreadOf(lines.map((l) => l.active)) };
  }
}

/** Max, min, their ratio (null when the least loaded has none) and the coefficient of variation. */
export function spreadOf(values: readonly number[]): BalanceReport['spread'] {
  if (values.length === 0) return { max: 0, min: 0, ratio: null, cv: 0 };
  const max = Math.max(...values);
  const min = Math.min(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { max, min, ratio: min === 0 ? null : round(max / min), cv: mean === 0 ? 0 : round(sd / mean) };
}
