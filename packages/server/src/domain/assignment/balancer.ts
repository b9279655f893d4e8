import type { Collection, Doc, Store } from '../../store/collection.js';
import type { Owner } from '../claims/claimDocs.js';
import type { Member, TeamDoc } from '../users/usersRepository.js';
import type { UnroutedReason } from './unroutedReason.js';
import type { Workloads } from './workloads.js';

export type Strategy = 'round-robin' | 'least-loaded' | 'capacity';
export type Ownership = 'dedicated' | 'shared';

export interface Pick {
  owners: Owner[];
  /** For round-robin, the turns the pick took, one per owner (turns are handed out atomically). */
  turns?: number[];
}

interface TurnDoc extends Doc {
  turn: number;
}

/** Least-loaded order: lightest grade-weighted load first, then fewest customers, then id (so the order is total). */
export const byLeastLoaded =
  (load: (member: Member) => { active: number; weighted: number }) =>
  (a: Member, b: Member): number =>
    load(a).weighted - load(b).weighted || load(a).active - load(b).active || a.userId.localeCompare(b.userId);

/** How many co-owners a shared customer gets unless the policy says otherwise. */
export const DEFAULT_CO_OWNERS = 1;

/**
 * Picks the owners of a customer inside a team. Every pick reserves the
 * member's load with one conditional update of the store, so concurrent picks
 * never take a member over capacity; round-robin turns come from an atomic
 * counter per team and role, so two leads never get the same turn.
 */
export class Balancer {
  private readonly turns: Collection<TurnDoc>;

  constructor(
    store: Store,
    private readonly workloads: Workloads,
    private readonly nameOf: (userId: string) => Promise<string>,
  ) {
    this.turns = store.collection<TurnDoc>('assignmentTurns');
  }

  /**
   * The owners for one customer, or why there are none (the team is full, or
   * lacks available members of a role). `dedicated`: one inside and one field
   * owner; `shared`: `coOwners` members of any role (all of them when the team has fewer).
   */
  async pick(team: TeamDoc, input: { strategy: Strategy; ownership: Ownership; weight: number; coOwners?: number }): Promise<Pick | { full: string; why: UnroutedReason }> {
    const available = (team.members ?? []).filter((member) => member.available);
    const slots: Array<{ role: Owner['role']; pool: Member[]; key: string }> =
      input.ownership === 'dedicated'
        ? [
            { role: 'inside', pool: available.filter((m) => m.role === 'inside'), key: `${team._id}:inside` },
            { role: 'field', pool: available.filter((m) => m.role === 'field'), key: `${team._id}:field` },
          ]
        : Array.from({ length: Math.max(1, Math.min(input.coOwners ?? DEFAULT_CO_OWNERS, available.length)) }, () => ({ role: 'co-owner' as const, pool: available, key: `${team._id}:shared` }));
    const taken: Member[] = [];
    const owners: Owner[] = [];
    const turns: number[] = [];
    // A shared customer takes its co-owners' turns in one step: consecutive turns, consecutive members.
    const sharedBase = input.strategy === 'round-robin' && input.ownership === 'shared' ? await this.takeTurns(`${team._id}:shared`, slots.length) : undefined;
    for (const [k, slot] of slots.entries()) {
      const turn = input.strategy !== 'round-robin' ? undefined : sharedBase !== undefined ? sharedBase + k : await this.takeTurns(slot.key, 1);
      const chosen = slot.pool.length === 0 ? null : await this.reserveOne(slot.pool, taken, input.strategy, input.weight, turn);
      if (!chosen) {
        await this.workloads.release(taken.map((member) => member.userId), input.weight);
        const missing = slot.pool.length === 0 ? `no available ${slot.role === 'co-owner' ? 'members' : `${slot.role}-sales members`}` : `every available ${slot.role === 'co-owner' ? 'member' : `${slot.role}-sales member`} is at capacity`;
        const role = slot.role === 'inside' || slot.role === 'field' ? slot.role : 'any';
        return { full: `Team ${team.name}: ${missing}`, why: { code: slot.pool.length === 0 ? 'no-members' : 'team-full', team: team.name, role } };
      }
      taken.push(chosen);
      if (turn !== undefined) turns.push(turn);
      owners.push({ repId: chosen.userId, repName: await this.nameOf(chosen.userId), role: slot.role });
    }
    return { owners, ...(turns.length > 0 ? { turns } : {}) };
  }

  /** Takes `count` consecutive round-robin turns of a counter; returns the first. */
  private async takeTurns(key: string, count: number): Promise<number> {
    const counter = await this.turns.findOneAndUpdate({ _id: key }, { $inc: { turn: count } }, { upsert: true, returnDocument: 'before' });
    return counter?.turn ?? 0;
  }

  /** Reserves one member of the pool (other than those `taken`) by the strategy; null when all are full. */
  private async reserveOne(pool: Member[], taken: Member[], strategy: Strategy, weight: number, turn: number | undefined): Promise<Member | null> {
    if (turn !== undefined) {
      // The member whose turn it is; the next ones only when they are taken or at capacity.
      for (let step = 0; step < pool.length; step += 1) {
        const member = pool[(turn + step) % pool.length]!;
        if (!taken.includes(member) && (await this.workloads.reserve(member.userId, member.capacity, weight))) return member;
      }
      return null;
    }
    const candidates = pool.filter((member) => !taken.includes(member));
    const loads = await this.workloads.of(candidates.map((member) => member.userId));
    const load = (member: Member) => loads.get(member.userId) ?? { active: 0, weighted: 0 };
    const order = candidates.sort(strategy === 'least-loaded' ? byLeastLoaded(load) : (a, b) => b.capacity - load(b).active - (a.capacity - load(a).active) || a.userId.localeCompare(b.userId));
    for (const member of order) if (await this.workloads.reserve(member.userId, member.capacity, weight)) return member;
    return null;
  }
}
