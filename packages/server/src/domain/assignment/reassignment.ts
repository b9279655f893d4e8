import { newId } from '../../store/newId.js';
import type { Language } from '@crm-policy/engine';
import { personOf } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { AtomicWrite, Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey, isWriteConflict } from '../../store/storeError.js';
import { WriteGroup } from '../../store/writeGroup.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimDoc, CustomerDoc, Owner } from '../claims/claimDocs.js';
import type { ClaimsService } from '../claims/claimsService.js';
import type { Outbox } from '../events/outbox.js';
import type { Member, TeamDoc, Territory, UsersRepository } from '../users/usersRepository.js';
import { assignmentChanged } from './assignmentChanged.js';
import { carrying } from '../events/stagedEvents.js';
import type { AssignmentService } from './assignmentService.js';
import { routingOf } from './assignmentService.js';
import { byLeastLoaded } from './balancer.js';
import { deciderProblem } from './proposalDeciders.js';
import { territoryProblems } from './teamSetup.js';
import type { UnroutedReason } from './unroutedReason.js';
import { gradeWeight } from './workloads.js';

export type ProposalInput =
  | { kind: 'customer'; customerId: string; toTeamId: string }
  | { kind: 'book'; repId: string; toTeamId?: string }
  | { kind: 'territory'; teamId: string; territories: Territory[] };

/** One customer that changes owner. `to` is null when the receiving team has no room: it goes to the review queue. */
export interface Move {
  customerId: string;
  customerName: string;
  claimId: string;
  from: { team: string; teamName: string; owners: Owner[] };
  to: { team: string; teamName: string; owners: Owner[] } | null;
  reason?: string;
  /** Why it goes to the queue, as data (`unroutedText` puts it in words). */
  why?: UnroutedReason;
  /** `why` in the caller's language, added when a proposal is answered. */
  reasonText?: string;
}

export interface Impact {
  customers: number;
  openClaims: number;
  moves: Move[];
  /** Every member whose load changes: active customers before and after. */
  loads: Array<{ userId: string; name: string; team: string; before: number; after: number }>;
}

export interface ProposalDoc extends Doc {
  input: ProposalInput;
  status: 'proposed' | 'executed' | 'rejected' | 'stale';
  proposedBy: string;
  /** The person behind the proposer (the key's creator for an API key): never its decider. */
  proposedByPerson?: string;
  createdAt: string;
  receivingTeams: string[];
  /** Teams that lose customers: their managers see the proposal, but do not decide it. */
  losingTeams?: string[];
  impact: Impact;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  result?: { moved: number; queued: number; outcomes?: MoveOutcome[] };
}

/**
 * What became of one customer when a proposal ran: moved to the planned
 * owners; routed by the assignment policy instead (the planned owners had no
 * room any more); queued for a person, with why; or left where it was (its
 * claim changed meanwhile).
 */
export type MoveOutcome = { customerId: string; customerName: string } & (
  | { status: 'moved' | 'assigned'; teamName: string; owners: string[] }
  | { status: 'queued'; why: UnroutedReason; reasonText?: string }
  | { status: 'unchanged' }
);

/** What a plan needs of the world, read once. */
interface World {
  teams: TeamDoc[];
  loads: Map<string, { active: number; weighted: number }>;
  names: Map<string, string>;
}

/**
 * Reassignment as a managed change: a proposal (one customer, a rep's book,
 * or a redrawn territory) comes with its impact before anything moves; someone
 * other than the proposer decides it (see `deciderProblem`), and execution
 * re-plans and refuses if the plan changed meanwhile, so what runs is what was shown.
 */
export class Reassignments {
  readonly proposals: Collection<ProposalDoc>;

  constructor(
    private readonly store: Store,
    private readonly deps: { claims: ClaimsService; users: UsersRepository; assignment: AssignmentService; audit: AuditLog; outbox: Outbox; clock: () => Date },
  ) {
    this.proposals = store.collection<ProposalDoc>('reassignments');
  }

  async propose(principal: Principal, input: ProposalInput, language: Language = 'en'): Promise<ProposalDoc> {
    await this.assertMayPropose(principal, input, language);
    const { moves, receivingTeams, world } = await this.plan(input, language);
    const proposal: ProposalDoc = {
      _id: newId(),
      input,
      status: 'proposed',
      proposedBy: principal.id,
      proposedByPerson: personOf(principal),
      createdAt: this.deps.clock().toISOString(),
      receivingTeams,
      losingTeams: [...new Set(moves.map((move) => move.from.team))],
      impact: this.impactOf(moves, world),
    };
    // The proposal carries its event: whoever decides it is told it waits for them.
    const waiting = this.deps.outbox.stage('reassignment.proposed', {
      proposalId: proposal._id,
      kind: input.kind,
      proposedBy: { id: principal.id, name: principal.displayName },
      receivingTeams: receivingTeams.map((team) => ({ team, teamName: world.teams.find((t) => t._id === team)?.name ?? team })),
      customers: moves.length,
      ...(input.kind === 'customer' ? { customerName: moves[0]?.customerName ?? '' } : {}),
      ...(input.kind === 'book' ? { repName: world.names.get(input.repId) ?? '' } : {}),
      ...(input.kind === 'territory' ? { teamName: world.teams.find((t) => t._id === input.teamId)?.name ?? '' } : {}),
    });
    await this.proposals.insertOne(carrying(proposal, [waiting]));
    await this.deps.audit.record({ actor: principal, action: 'reassignment.proposed', subject: proposal._id, data: { kind: input.kind, moves: moves.length }, teams: receivingTeams });
    return proposal;
  }

  async get(principal: Principal, id: string): Promise<ProposalDoc> {
    const proposal = await this.proposals.findOne({ _id: id });
    const concerned = (team: string) => principal.teams.includes(team);
    const visible = proposal && (principal.role === 'admin' || proposal.proposedBy === principal.id || proposal.receivingTeams.some(concerned) || (proposal.losingTeams ?? []).some(concerned));
    if (!visible) throw new DomainError('not-found', 'No such proposal');
    return proposal;
  }

  list(principal: Principal, limit: number, skip: number): Promise<ProposalDoc[]> {
    const filter = principal.role === 'admin' ? {} : { $or: [{ proposedBy: principal.id }, { receivingTeams: { $in: principal.teams } }, { losingTeams: { $in: principal.teams } }] };
    return this.proposals.find(filter, { sort: { createdAt: -1 }, limit, skip });
  }

  /** Approves and executes in one step, or rejects. */
  async decide(principal: Principal, id: string, approve: boolean, comment: string): Promise<ProposalDoc> {
    const proposal = await this.get(principal, id);
    const refusal = deciderProblem(principal, proposal);
    if (refusal) throw new DomainError('forbidden', refusal);
    if (proposal.status !== 'proposed') throw new DomainError('conflict', `The proposal is ${proposal.status}`);
    const now = this.deps.clock().toISOString();
    if (!approve) {
      const rejected = await this.proposals.findOneAndUpdate({ _id: id, status: 'proposed' }, { $set: { status: 'rejected', decidedBy: principal.id, decidedAt: now, comment } });
      if (!rejected) throw new DomainError('conflict', 'The proposal was decided meanwhile');
      return rejected;
    }
    // Plan again: what runs must be what was shown.
    const replanned = await this.plan(proposal.input).catch((error: unknown) => {
      if (error instanceof DomainError) return null;
      throw error;
    });
    if (!replanned || JSON.stringify(replanned.moves.map(signature)) !== JSON.stringify(proposal.impact.moves.map(signature))) {
      await this.proposals.updateOne({ _id: id, status: 'proposed' }, { $set: { status: 'stale', decidedBy: principal.id, decidedAt: now } });
      throw new DomainError('conflict', 'Customers or loads changed since the proposal: propose again to see the new impact', { proposalId: id });
    }
    const { moves } = replanned;
    // Taking the proposal is a conditional write (two approvals cannot both execute it), made with the territory and the first move:
    // a first move that fails leaves the proposal to decide again.
    const decided = { status: 'executed' as const, decidedBy: principal.id, decidedAt: now, comment };
    let opening: AtomicWrite[] = [
      { collection: this.proposals.name, updateOne: { filter: { _id: id, status: 'proposed' }, update: { $set: decided }, mustMatch: true } },
      ...(proposal.input.kind === 'territory' ? [{ collection: this.deps.users.teams.name, updateOne: { filter: { _id: proposal.input.teamId }, update: { $set: { territories: proposal.input.territories } } } }] : []),
    ];
    const outcomes: MoveOutcome[] = [];
    for (const move of moves) {
      outcomes.push({ customerId: move.customerId, customerName: move.customerName, ...(await this.moveOne(principal, proposal, move, opening)) } as MoveOutcome);
      opening = [];
    }
    await this.commitOpening(opening);
    const moved = outcomes.filter((o) => o.status === 'moved').length;
    const result = { moved, queued: outcomes.length - moved, outcomes };
    await this.proposals.updateOne({ _id: id }, { $set: { result } });
    return { ...proposal, ...decided, result };
  }

  /** Makes the proposal's opening writes on their own, when no move carried them; a conflict on the proposal means someone else decided it. */
  private async commitOpening(opening: readonly AtomicWrite[]): Promise<void> {
    try {
      await new WriteGroup().add(...opening).commit(this.store);
    } catch (error) {
      throw proposalConflict(error, opening) ?? error;
    }
  }

  /**
   * Moves one customer as one write: the old claim ends as transferred (if
   * still as read), the old owners' loads fall, the new owners' are reserved
   * (each under capacity), the new claim is granted with its events, and the
   * move is audited; all or nothing. A new owner who is full sends the
   * customer to assignment (and the review queue) instead, with the old claim
   * ended in the same write. False when the customer did not reach new owners.
   */
  private async moveOne(principal: Principal, proposal: ProposalDoc, move: Move, opening: readonly AtomicWrite[]): Promise<Outcome> {
    const [claim, customer] = await Promise.all([this.deps.claims.claims.findOne({ _id: move.claimId, status: 'active' }), this.deps.claims.customers.findOne({ _id: move.customerId })]);
    if (!claim || !customer) return this.commitOpening(opening).then(() => UNCHANGED);
    const ended = this.deps.claims.endWrites(claim, 'transferred');
    const team = move.to ? await this.deps.users.teams.findOne({ _id: move.to.team }) : null;
    const members = (move.to?.owners ?? []).map((owner) => team?.members?.find((m) => m.userId === owner.repId));
    if (!move.to || !team || members.some((member) => !member)) return this.toAssignment(principal, customer, opening, ended.writes);
    const weight = claim.weight ?? gradeWeight(claim.grade);
    const reservations = members.map((member) => this.deps.claims.workloads.reserveWrite(member!.userId, member!.capacity, weight));
    const { claim: granted, writes } = this.deps.claims.grantWrites({
      customer,
      holder: { id: move.to.owners[0]!.repId, name: move.to.owners[0]!.repName, team: team._id, teamName: team.name },
      owners: move.to.owners,
      reserved: true,
      noExpiry: true,
      source: 'reassignment',
      protectionDays: 0,
      policyVersion: claim.policyVersion,
      ...(claim.priority !== undefined ? { priority: claim.priority } : {}),
      assignment: { strategy: 'least-loaded', ownership: claim.assignment?.ownership ?? 'dedicated', policyVersion: claim.policyVersion },
      events: (created) => [this.deps.outbox.stage('assignment.changed', assignmentChanged({ customerId: customer._id, customerName: customer.name, claimId: created._id, from: move.from, to: move.to!, proposalId: proposal._id }))],
    });
    const audit = this.deps.audit.entryWrite({ actor: principal, action: 'assignment.reassigned', subject: customer._id, data: { proposalId: proposal._id, from: move.from, to: move.to, claimId: granted._id }, teams: [move.from.team, team._id] });
    const group = new WriteGroup().add(...opening, ...ended.writes, ...reservations, ...writes, audit);
    try {
      await group.commit(this.store);
      return { status: 'moved', teamName: team.name, owners: move.to.owners.map((owner) => owner.repName) };
    } catch (error) {
      const conflict = proposalConflict(error, opening);
      if (conflict) throw conflict;
      // A new owner is full now: the customer is routed again, as when the plan found no room.
      if (isWriteConflict(error) && reservations.some((write) => group.indexOf(write) === error.detail.write)) return this.toAssignment(principal, customer, opening, ended.writes);
      // The old claim changed meanwhile (or someone else holds the customer): it does not move.
      if (isWriteConflict(error) || isDuplicateKey(error)) return this.commitOpening(opening).then(() => UNCHANGED);
      throw error;
    }
  }

  /** Ends the old claim and routes the customer through assignment (a claim, or the review queue), in one write; always false: the planned owners did not get it. */
  private async toAssignment(principal: Principal, customer: CustomerDoc, opening: readonly AtomicWrite[], endOld: readonly AtomicWrite[]): Promise<Outcome> {
    try {
      const result = await this.deps.assignment.assign(principal, customer, 'reassignment', [...opening, ...endOld]);
      if (result.status === 'assigned') return { status: 'assigned', teamName: result.claim.teamName, owners: result.owners.map((owner) => owner.repName) };
      if (result.status === 'queued') return { status: 'queued', why: result.why };
      // Someone else holds the customer: nothing of the group was written.
      await this.commitOpening(opening);
      return UNCHANGED;
    } catch (error) {
      const conflict = proposalConflict(error, opening);
      if (conflict) throw conflict;
      if (!isWriteConflict(error)) throw error;
      // The old claim changed meanwhile: it stays where it is.
      await this.commitOpening(opening);
      return UNCHANGED;
    }
  }

  private async assertMayPropose(principal: Principal, input: ProposalInput, language: Language): Promise<void> {
    if (principal.role === 'admin') return;
    const manages = (teamId: string | undefined) => teamId !== undefined && principal.teams.includes(teamId);
    const allowed =
      input.kind === 'territory'
        ? manages(input.teamId)
        : input.kind === 'customer'
          ? manages((await this.deps.claims.holderOf(input.customerId))?.team)
          : ((await this.deps.users.findById(input.repId))?.teams.some(manages) ?? false);
    if (!allowed) {
      const message = {
        zh: '您只能调整自己团队的客户：该客户（或销售）不在您管理的团队中，请联系其团队经理或管理员',
        en: 'You can move only your own teams’ customers: this customer (or rep) is not in a team you manage; ask its team’s manager or an admin',
      };
      throw new DomainError('forbidden', message[language], { reason: 'not-your-team' });
    }
  }

  /** The moves a proposal makes, computed on the current state without writing anything. */
  private async plan(input: ProposalInput, language: Language = 'en'): Promise<{ moves: Move[]; receivingTeams: string[]; world: World }> {
    const teams = await this.deps.users.teams.find({});
    const users = await this.deps.users.users.find({}, { projection: { displayName: 1 } });
    const loads = new Map([...(await this.deps.claims.workloads.loads.find({}))].map((load) => [load._id, { active: load.active, weighted: load.weighted }]));
    const world: World = { teams, loads, names: new Map(users.map((u) => [u._id, u.displayName])) };
    const teamById = (id: string, path: string) => {
      const team = teams.find((t) => t._id === id);
      if (!team) throw new DomainError('invalid', 'No such team', { details: [{ path, message: 'no such team' }] });
      return team;
    };
    let targets: Array<{ claim: ClaimDoc; customer: CustomerDoc; to: TeamDoc; exclude?: string }> = [];
    if (input.kind === 'customer') {
      const claim = await this.deps.claims.claims.findOne({ customerId: input.customerId, status: 'active' });
      const customer = await this.deps.claims.customers.findOne({ _id: input.customerId });
      if (!claim || !customer) {
        const message = language === 'zh' ? '该客户目前没有人持有，不能调整：请在“未分配客户”或公海中处理' : 'Nobody holds this customer now: route it from Unassigned leads or the pool';
        throw new DomainError('invalid', message, { details: [{ path: '/customerId', message }] });
      }
      targets = [{ claim, customer, to: teamById(input.toTeamId, '/toTeamId') }];
    } else if (input.kind === 'book') {
      if (!(await this.deps.users.findById(input.repId))) throw new DomainError('invalid', 'No such rep', { details: [{ path: '/repId', message: 'no such user' }] });
      const claims = await this.deps.claims.claims.find({ status: 'active', ownerIds: input.repId }, { sort: { grantedAt: 1, _id: 1 } });
      const customers = await this.deps.claims.customers.find({ _id: { $in: claims.map((c) => c.customerId) } });
      const to = input.toTeamId ? teamById(input.toTeamId, '/toTeamId') : undefined;
      targets = claims.flatMap((claim) => {
        const customer = customers.find((c) => c._id === claim.customerId);
        return customer ? [{ claim, customer, to: to ?? teamById(claim.team, '/repId'), exclude: input.repId }] : [];
      });
    } else {
      const problems = territoryProblems(input.territories);
      if (problems.length > 0) throw new DomainError('invalid', 'Unknown division codes', { details: problems });
      teamById(input.teamId, '/teamId');
      const after = teams.map((t) => (t._id === input.teamId ? { ...t, territories: input.territories } : t));
      const claims = await this.deps.claims.claims.find({ status: 'active', source: { $in: ['assignment', 'reassignment'] } }, { sort: { grantedAt: 1, _id: 1 } });
      const customers = await this.deps.claims.customers.find({ _id: { $in: claims.map((c) => c.customerId) } });
      for (const claim of claims) {
        const customer = customers.find((c) => c._id === claim.customerId);
        if (!customer) continue;
        const routing = routingOf(customer);
        const [before, afterRoute] = [await this.deps.assignment.route(routing, teams), await this.deps.assignment.route(routing, after)];
        if (before.kind !== 'team' || afterRoute.kind !== 'team' || before.team._id !== claim.team || afterRoute.team._id === claim.team) continue;
        targets.push({ claim, customer, to: after.find((t) => t._id === afterRoute.team._id)! });
      }
    }
    const moves = targets.map(({ claim, customer, to, exclude }) => this.simulate(world, claim, customer, to, exclude));
    return { moves, receivingTeams: [...new Set(targets.map((t) => t.to._id))], world };
  }

  /** Picks the new owners as the balancer would (least-loaded, within capacity), updating the simulated loads. */
  private simulate(world: World, claim: ClaimDoc, customer: CustomerDoc, to: TeamDoc, exclude?: string): Move {
    const weight = claim.weight ?? gradeWeight(claim.grade);
    const oldOwners = claim.ownerIds ?? [claim.repId];
    for (const id of oldOwners) {
      const load = world.loads.get(id);
      if (load) world.loads.set(id, { active: load.active - 1, weighted: load.weighted - weight });
    }
    const load = (m: Member) => world.loads.get(m.userId) ?? { active: 0, weighted: 0 };
    const ownership = claim.assignment?.ownership ?? 'dedicated';
    const pool = (to.members ?? []).filter((m) => m.available && m.userId !== exclude);
    const roles: Array<Owner['role']> = ownership === 'dedicated' ? ['inside', 'field'] : Array.from({ length: Math.max(1, Math.min(oldOwners.length, pool.length)) }, () => 'co-owner' as const);
    const owners: Owner[] = [];
    let missing: { role: 'inside' | 'field' | 'any'; anyone: boolean } | undefined;
    for (const role of roles) {
      const ofRole = pool.filter((m) => (role === 'co-owner' || m.role === role) && !owners.some((o) => o.repId === m.userId));
      const chosen = ofRole.filter((m) => load(m).active < m.capacity).sort(byLeastLoaded(load))[0];
      if (!chosen) {
        missing = { role: role === 'inside' || role === 'field' ? role : 'any', anyone: ofRole.length > 0 };
        break;
      }
      owners.push({ repId: chosen.userId, repName: world.names.get(chosen.userId) ?? chosen.userId, role });
    }
    const from = { team: claim.team, teamName: claim.teamName, owners: claim.owners ?? [{ repId: claim.repId, repName: claim.repName, role: 'holder' as const }] };
    const base = { customerId: customer._id, customerName: customer.name, claimId: claim._id, from };
    if (owners.length !== roles.length) {
      // Nobody moves in the simulation: the customer goes to the queue, and the old owners' loads fall.
      const why: UnroutedReason = { code: missing?.anyone ? 'team-full' : 'no-members', team: to.name, role: missing?.role ?? 'any' };
      return { ...base, to: null, reason: `Team ${to.name} has no room for a ${ownership} customer`, why };
    }
    for (const owner of owners) {
      const current = world.loads.get(owner.repId) ?? { active: 0, weighted: 0 };
      world.loads.set(owner.repId, { active: current.active + 1, weighted: current.weighted + weight });
    }
    return { ...base, to: { team: to._id, teamName: to.name, owners } };
  }

  private impactOf(moves: Move[], world: World): Impact {
    // `world.loads` holds the loads after the moves; the before figures come from undoing them.
    const before = new Map([...world.loads].map(([id, load]) => [id, load.active]));
    for (const move of moves) {
      for (const owner of move.to?.owners ?? []) before.set(owner.repId, (before.get(owner.repId) ?? 0) - 1);
      for (const owner of move.from.owners) before.set(owner.repId, (before.get(owner.repId) ?? 0) + 1);
    }
    const touched = new Set(moves.flatMap((move) => [...move.from.owners, ...(move.to?.owners ?? [])].map((o) => o.repId)));
    const teamOf = (id: string) => world.teams.find((t) => t.members?.some((m) => m.userId === id))?.name ?? '';
    return {
      customers: moves.length,
      openClaims: moves.length,
      moves,
      loads: [...touched].sort().map((id) => ({ userId: id, name: world.names.get(id) ?? id, team: teamOf(id), before: before.get(id) ?? 0, after: world.loads.get(id)?.active ?? 0 })),
    };
  }
}

/** The refusal to answer when a group failed on the proposal's own write (the first of `opening`): someone else decided it meanwhile. */
function proposalConflict(error: unknown, opening: readonly AtomicWrite[]): DomainError | undefined {
  if (opening.length > 0 && isWriteConflict(error) && error.detail.write === 0) return new DomainError('conflict', 'The proposal was decided meanwhile');
  return undefined;
}

/** A move's outcome without the customer it concerns. */
type Outcome = { status: 'moved' | 'assigned'; teamName: string; owners: string[] } | { status: 'queued'; why: UnroutedReason } | { status: 'unchanged' };
const UNCHANGED: Outcome = { status: 'unchanged' };

/** What must not change between a proposal and its execution: each customer and its new owners. */
const signature = (move: Move) => [move.customerId, move.claimId, move.to?.team ?? null, (move.to?.owners ?? []).map((o) => `${o.role}:${o.repId}`)];
