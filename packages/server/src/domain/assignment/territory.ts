import type { TeamDoc, Territory } from '../users/usersRepository.js';
import { regionPrefix } from './divisions.js';

/** What routing knows of a customer. */
export interface RoutingFacts {
  region: string;
  type: 'company' | 'individual';
  employees: number;
  industry: string;
  productLine: string;
}

export const sizeOf = (customer: Pick<RoutingFacts, 'type' | 'employees'>): 'individual' | 'sme' | 'large' =>
  customer.type === 'individual' ? 'individual' : customer.employees >= 1000 ? 'large' : 'sme';

/** How specifically a territory covers a customer: the matched region's length, plus one per narrowing; -1 when it does not. */
function coverage(territory: Territory, customer: RoutingFacts): { score: number; region: string } | null {
  const size = sizeOf(customer);
  if (territory.sizes?.length && !territory.sizes.includes(size)) return null;
  if (territory.industries?.length && !territory.industries.includes(customer.industry)) return null;
  if (territory.productLines?.length && !territory.productLines.includes(customer.productLine)) return null;
  const regions = territory.regions.map(regionPrefix).filter((prefix) => customer.region.startsWith(prefix));
  if (regions.length === 0) return null;
  const region = regions.reduce((best, prefix) => (prefix.length > best.length ? prefix : best));
  const narrowing = Number(Boolean(territory.sizes?.length)) + Number(Boolean(territory.industries?.length)) + Number(Boolean(territory.productLines?.length));
  return { score: region.length * 10 + narrowing, region };
}

/**
 * The team whose territory covers a customer most specifically: a district
 * beats its city, a city its province, and at the same region a territory
 * narrowed by size, industry or product line beats one that is not. Ties go
 * to the team whose name sorts first, so the answer never depends on storage order.
 */
export function coveringTeam(teams: readonly TeamDoc[], customer: RoutingFacts): { team: TeamDoc; region: string } | null {
  let best: { team: TeamDoc; region: string; score: number } | null = null;
  for (const team of teams) {
    for (const territory of team.territories ?? []) {
      const found = coverage(territory, customer);
      if (!found) continue;
      if (!best || found.score > best.score || (found.score === best.score && team.name < best.team.name)) best = { team, ...found };
    }
  }
  return best ? { team: best.team, region: best.region } : null;
}
