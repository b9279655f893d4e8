import type { Principal } from '../../auth/principal.js';
import type { ClaimsService } from '../claims/claimsService.js';
import { divisionName } from './divisions.js';

/** A held customer as a search offers it: its name, where it is and who holds it; its id only to act on, never to show. */
export interface MovableCustomer {
  customerId: string;
  name: string;
  region: string;
  /** 广东省 · 深圳市 · 南山区 ('' when the code is unknown). */
  regionName: string;
  teamId: string;
  teamName: string;
  /** The owners' display names, the holder first. */
  owners: string[];
}

/** The longest search text accepted. */
export const MAX_SEARCH_LENGTH = 50;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Held customers whose name contains `text` (case-insensitive), among those
 * the caller may propose to move: an admin's search covers every team, a
 * manager's only the teams they manage, so nobody finds a customer they could
 * not act on. Sorted by name, at most `limit`.
 */
export async function findMovableCustomers(claims: ClaimsService, principal: Principal, text: string, limit: number): Promise<MovableCustomer[]> {
  if (principal.role !== 'admin' && principal.teams.length === 0) return [];
  const filter: Record<string, unknown> = {
    status: 'active',
    customerName: { $regex: escapeRegExp(text), $options: 'i' },
    ...(principal.role === 'admin' ? {} : { team: { $in: principal.teams } }),
  };
  const held = await claims.claims.find(filter, { sort: { customerName: 1, _id: 1 }, limit, projection: { customerId: 1, customerName: 1, team: 1, teamName: 1, owners: 1, repName: 1 } });
  const customers = await claims.customers.find({ _id: { $in: held.map((claim) => claim.customerId) } }, { projection: { region: 1 } });
  const regionOf = new Map(customers.map((customer) => [customer._id, customer.region]));
  return held.map((claim) => {
    const region = regionOf.get(claim.customerId) ?? '';
    return {
      customerId: claim.customerId,
      name: claim.customerName,
      region,
      regionName: region ? divisionName(region) : '',
      teamId: claim.team,
      teamName: claim.teamName,
      owners: claim.owners?.map((owner) => owner.repName) ?? [claim.repName],
    };
  });
}
