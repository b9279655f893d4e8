
import type { Principal } from '../../auth/principal.js';
import type { AtomicWrite, Collection, Doc, Store } from '../../store/collection.js';
import { WriteGroup } from '../../store/writeGroup.js';
import { isDuplicateKey } from '../../store/storeError.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimDoc, CustomerDoc, Owner } from '../claims/claimDocs.js';
import type { ClaimsService } from '../claims/claimsService.js';
import { ONE_HOLDER_INDEX } from '../claims/claimsService.js';
import type { Outbox } from '../events/outbox.js';
import type { TeamDoc, UsersRepository } from '../users/usersRepository.js';
import { assignmentChanged } from './assignmentChanged.js';
import type { Balancer, Ownership, Strategy } from './balancer.js';
import type { RoutingFacts } from './territory.js';
import { coveringTeam, sizeOf } from './territory.js';
import type { UnroutedReason } from './unroutedReason.js';
import { gradeWeight } from './workloads.js';
import type { LivePolicy } from '../policies/livePolicies.js';

/** A customer assignment could not place: a manager routes it by hand. */
export interface QueueDoc extends Doc {
  customerId: string;
  customerName: string;
  queue: string;
  reason: string;
  priority: number;
  /** The team the policy chose, when the team was the problem (full, or no members). */
  team?: string;
  /** Why, as data (absent on entries queued before reasons had codes): `unroutedText` puts it in words. */
  why?: UnroutedReason;
  createdAt: string;
}

/** Where the policy and the balancer would put a customer, before anything is written. */
export type Route =
  | { kind: 'team'; team: TeamDoc; strategy: Strategy; ownership: Ownership; coOwners?: number; policyVersion: string }
  | { kind: 'review'; queue: string; reason: string; why: UnroutedReason; team?: string; policyVersion: string };

export type AssignResult =
  | { status: 'assigned'; claim: ClaimDoc; team: string; owners: Owner[] }
  | { status: 'queued'; queue: string; reason: string; why: UnroutedReason }
  | { status: 'held'; reason: string };

/** The routing facts of a stored customer: a lead's own, or read from a registration form. */
export function routingOf(customer: CustomerDoc): RoutingFacts {
  if (customer.routing) return customer.routing;
  const employees = Number(customer.fields['employees']);
  return { region: customer.region, type: 'company', employees: Number.isFinite(employees) ? employees : 0, industry: 'other', productLine: 'crm' };
}

/**
 * Routes customers nobody owns: the team's territory and the assignment
 * policy pick the team, the ownership model and the strategy; the balancer
 * picks the owners; the claim is granted with every owner and their role, and
 * never lapses (the owners keep the customer until the contract is signed).
 * What cannot be placed goes to the review queue with the reason.
 */
export class AssignmentService {
  readonly queue: Collection<QueueDoc>;

  constructor(
    private readonly store: Store,
    private readonly deps: {
      claims: ClaimsService;
      users: UsersRepository;
      balancer: Balancer;
      policy: () => LivePolicy;
      audit: AuditLog;
      outbox: Outbox;
      clock: () => Date;
    },
  ) {
    this.queue = store.collection<QueueDoc>('reviewQueue');
  }

  async createIndexes(): Promise<void> {
    await this.queue.createIndex({ name: 'queue_one_per_customer', keys: { customerId: 1 }, unique: true });
    await this.queue.createIndex({ name: 'queue_by_priority', keys: { priority: -1 } });
  }

  /** The team and model the policy picks for a customer, given the teams' territories (`teams` when a redraw is being tried). */
  async route(customer: RoutingFacts, teams?: TeamDoc[]): Promise<Route> {
    const allTeams = teams ?? (await this.deps.users.teams.find({}));
    const cover = coveringTeam(allTeams, customer);
    const decision = await this.deps.policy().decide({
      customer: { regionCode: customer.region, type: customer.type, employees: customer.employees, industry: customer.industry },
      productLine: customer.productLine,
      territory: { team: cover?.team.name ?? null, region: cover?.region ?? null },
    }, { now: this.deps.clock() });
    if (decision.error) throw new Error(`The assignment policy failed: ${decision.error.message}`);
    const params = (decision.outcome.params ?? {}) as Record<string, unknown>;
    const rule = decision.fired[0];
    if (decision.outcome.type !== 'assign') {
      const reason = String(params['reason'] ?? 'The policy sent it to review');
      // No rule fired: the policy's default answered.
      const why: UnroutedReason = rule ? { code: 'policy-review', rule, text: String(params['reason'] ?? '') } : { code: 'no-rule', region: customer.region, industry: customer.industry, size: sizeOf(customer) };
      return { kind: 'review', queue: String(params['queue'] ?? 'unrouted'), reason, why, policyVersion: decision.version };
    }
    const teamName = typeof params['team'] === 'string' ? params['team'] : cover?.team.name;
    const team = teamName ? allTeams.find((t) => t.name === teamName) : undefined;
    if (!team) {
      const reason = teamName ? `The policy chose team "${teamName}", which does not exist` : 'No team’s territory covers this customer';
      const why: UnroutedReason = teamName ? { code: 'missing-team', rule: rule ?? '', team: teamName } : { code: 'no-covering-team', rule: rule ?? '', region: customer.region };
      return { kind: 'review', queue: 'unrouted', reason, why, ...(teamName ? { team: teamName } : {}), policyVersion: decision.version };
    }
    return {
      kind: 'team',
      team,
      strategy: (params['strategy'] as Strategy | undefined) ?? 'least-loaded',
      ownership: params['ownership'] as Ownership,
      ...(typeof params['coOwners'] === 'number' ? { coOwners: params['coOwners'] } : {}),
      policyVersion: decision.version,
    };
  }

  /**
   * Routes one customer and grants the claim; queues it when it cannot be
   * placed. `together` are writes made in the same group as the claim or the
   * queue entry (a reassignment's ended claim): a `write-conflict` or
   * `duplicate-key` of theirs rejects, and nothing was written.
   */
  async assign(actor: Principal, customer: CustomerDoc, source: 'assignment' | 'reassignment' = 'assignment', together: readonly AtomicWrite[] = []): Promise<AssignResult> {
    const route = await this.route(routingOf(customer));
    if (route.kind === 'review') return this.enqueue(customer, route.queue, route.reason, route.why, route.team, together);
    return this.grantTo(actor, customer, route, source, together);
  }

  /** The team as the balancer should see it: a member whose account is disabled gets no more customers (they stay listed until the team is edited). */
  private async withoutDisabled(team: TeamDoc): Promise<TeamDoc> {
    const members = team.members ?? [];
    if (members.length === 0) return team;
    const disabled = await this.deps.users.users.find({ _id: { $in: members.map((member) => member.userId) }, disabled: true }, { projection: { _id: 1 } });
    if (disabled.length === 0) return team;
    return { ...team, members: members.filter((member) => !disabled.some((user) => user._id === member.userId)) };
  }

  /** Picks owners in a routed team and grants the claim. */
  /**
   * Routes customers back from the public pool (their claim expired or was
   * released) through the assignment policy, oldest in the pool first; a
   * customer someone claims meanwhile is skipped. Returns what happened to each.
   */
  async routePool(actor: Principal, limit: number): Promise<Array<Record<string, unknown>>> {
    const held = new Set((await this.deps.claims.claims.find({ holding: true }, { projection: { customerId: 1 } })).map((claim) => claim.customerId));
    const ended = await this.deps.claims.claims.find({ status: { $in: ['expired', 'released'] } }, { sort: { endedAt: 1 }, projection: { customerId: 1 } });
    const waiting = [...new Set(ended.map((claim) => claim.customerId))].filter((id) => !held.has(id)).slice(0, limit);
    const results = [];
    for (const customerId of waiting) {
      const customer = await this.deps.claims.customers.findOne({ _id: customerId });
      if (!customer) continue;
      const result = await this.assign(actor, customer);
      results.push({ customerId, customerName: customer.name, ...(result.status === 'assigned' ? { status: result.status, claimId: result.claim._id, team: result.team, owners: result.owners } : result) });
    }
    return results;
  }

  /** Picks owners in a routed team (reserving their loads) and grants the claim, with `together`, its queue entry removed and its audit entry, as one group. */
  async grantTo(actor: Principal, customer: CustomerDoc, route: Extract<Route, { kind: 'team' }>, source: 'assignment' | 'reassignment', together: readonly AtomicWrite[] = []): Promise<AssignResult> {
    const weight = gradeWeight(customer.grade);
    const pick = await this.deps.balancer.pick(await this.withoutDisabled(route.team), { strategy: route.strategy, ownership: route.ownership, weight, ...(route.coOwners ? { coOwners: route.coOwners } : {}) });
    if ('full' in pick) return this.enqueue(customer, 'capacity', pick.full, pick.why, route.team.name, together);
    const [first] = pick.owners;
    const { claim, writes } = this.deps.claims.grantWrites({
      customer,
      holder: { id: first!.repId, name: first!.repName, team: route.team._id, teamName: route.team.name },
      owners: pick.owners,
      reserved: true,
      noExpiry: true,
      source,
      protectionDays: 0,
      policyVersion: route.policyVersion,
      ...(customer.priority !== undefined ? { priority: customer.priority } : {}),
      assignment: { strategy: route.strategy, ownership: route.ownership, policyVersion: route.policyVersion, ...(pick.turns ? { turns: pick.turns } : {}) },
      events: (granted) => [this.deps.outbox.stage('assignment.changed', assignmentChanged({ customerId: customer._id, customerName: customer.name, claimId: granted._id, from: null, to: { team: route.team._id, teamName: route.team.name, owners: pick.owners } }))],
    });
    const audit = this.deps.audit.entryWrite({
      actor,
      action: 'assignment.assigned',
      subject: customer._id,
      data: { claimId: claim._id, team: route.team.name, owners: pick.owners, strategy: route.strategy, ownership: route.ownership, policyVersion: route.policyVersion },
      teams: [route.team._id],
    });
    const group = new WriteGroup().add(...together, ...writes, { collection: this.queue.name, deleteOne: { filter: { customerId: customer._id } } }, audit);
    try {
      await group.commit(this.store);
    } catch (error) {
      // The owners' loads were reserved before: given back (a crash in between is corrected by the recount at start).
      await this.deps.claims.workloads.release(pick.owners.map((owner) => owner.repId), weight);
      if (isDuplicateKey(error) && error.detail.index === ONE_HOLDER_INDEX) return { status: 'held', reason: 'Someone holds this customer already' };
      throw error;
    }
    return { status: 'assigned', claim, team: route.team.name, owners: pick.owners };
  }

  private async enqueue(customer: CustomerDoc, queue: string, reason: string, why: UnroutedReason, team?: string, together: readonly AtomicWrite[] = []): Promise<AssignResult> {
    const entry: AtomicWrite = {
      collection: this.queue.name,
      updateOne: {
        filter: { customerId: customer._id },
        update: { $set: { customerName: customer.name, queue, reason, why, priority: customer.priority ?? 0, ...(team ? { team } : {}) }, $setOnInsert: { createdAt: this.deps.clock().toISOString() } },
        upsert: true,
      },
    };
    await new WriteGroup().add(...together, entry).commit(this.store);
    return { status: 'queued', queue, reason, why };
  }

  /** Which of `customerIds` wait in the review queue: leads the organisation routes, not the public pool's. */
  async queuedAmong(customerIds: readonly string[]): Promise<Set<string>> {
    if (customerIds.length === 0) return new Set();
    const queued = await this.queue.find({ customerId: { $in: [...customerIds] } }, { projection: { customerId: 1 } });
    return new Set(queued.map((entry) => entry.customerId));
  }

  /** Every customer waiting in the review queue. */
  async queuedIds(): Promise<string[]> {
    return (await this.queue.find({}, { projection: { customerId: 1 } })).map((entry) => entry.customerId);
  }

  /** The review queue, highest priority first. */
  listQueue(limit: number, skip: number): Promise<QueueDoc[]> {
    return this.queue.find({}, { sort: { priority: -1, createdAt: 1 }, limit, skip });
  }
}
