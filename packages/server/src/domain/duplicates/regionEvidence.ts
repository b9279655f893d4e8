import { divisionName, regionPrefix } from '../assignment/divisions.js';
import type { CompanyProfile } from './companyProfile.js';
import type { RegionMention } from './regionDictionary.js';

/** How the places of two companies compare, what that weighs, and the reason saying so. */
export interface RegionEvidence {
  relation: 'equal' | 'one-missing' | 'differs';
  /** The factor on the name score: a region stated in both names weighs more than one only a form gives. */
  factor: number;
  /** The reason, naming the regions the relation was read from when a form gave them or they differ. */
  reason: string;
}

/**
 * The city of a region code, the place a company is known by: 440305 is in
 * 4403 (深圳市); a district of a municipality is in the municipality (110108
 * in 11, 北京市); a county-level city under its province stays itself (429004).
 */
export function cityOf(region: string): string {
  const code = regionPrefix(region);
  if (code.length <= 2) return code;
  const city = code.slice(0, 4);
  const cityName = divisionName(city);
  if (cityName.endsWith('直辖县级行政区划')) return code;
  return cityName === divisionName(code.slice(0, 2)) ? code.slice(0, 2) : city;
}

/** A district code as people read it, from the bundled division data: 北京市海淀区. */
export function districtLabel(code: string): string {
  const parts = divisionName(code).split(' · ').filter((part) => part && !part.endsWith('直辖县级行政区划'));
  return parts.join('') || code;
}

interface Place {
  from: 'name' | 'form';
  regions: RegionMention[];
}

// A form region's city and label, per district code (a few thousand at most): a check compares many pairs.
const formPlaces = new Map<string, Place>();

/** Where a profile says the company is: the regions its name states, else the city of its form's region. */
function placeOf(profile: CompanyProfile): Place | undefined {
  if (profile.name.regions.length > 0) return { from: 'name', regions: profile.name.regions };
  if (!profile.region) return undefined;
  let place = formPlaces.get(profile.region);
  if (!place) {
    place = { from: 'form', regions: [{ code: cityOf(profile.region), name: districtLabel(profile.region) }] };
    formPlaces.set(profile.region, place);
  }
  return place;
}

const labels = (place: Place) => place.regions.map((region) => region.name).join('');

/** Whether every region of one place lies within one of the other's, or contains it. */
const compatible = (x: Place, y: Place): boolean => x.regions.every((p) => y.regions.every((q) => p.code.startsWith(q.code) || q.code.startsWith(p.code)));

/** The factor of regions both names state and that differ: it rules two companies apart (a name score at most this). */
export const STATED_REGIONS_DIFFER = 0.3;

/** The factor of regions that differ: stated in both names, they rule two companies apart; placed by a form, they call for a review. */
const differsFactor = (fromForm: boolean): number => (fromForm ? 0.85 : STATED_REGIONS_DIFFER);

/**
 * `compareRegions(a, b).factor`, without building its reason: duplicate
 * checks bound a candidate's score by it before scoring (`scoreCeiling`).
 */
export function regionFactor(a: CompanyProfile, b: CompanyProfile): number {
  const [x, y] = [placeOf(a), placeOf(b)];
  if (!x && !y) return 1;
  if (!x || !y) return 0.96;
  return compatible(x, y) ? 1 : differsFactor(x.from === 'form' || y.from === 'form');
}

/**
 * Compares where two companies are, naming the regions compared. A region
 * stated in a name is the legal name speaking (北京腾飞 and 上海腾飞 are two
 * companies); a name without one is placed by its form's region, at city
 * level, which is weaker evidence (a company is met in more than one city), so
 * a difference there calls for a review rather than ruling the two apart.
 * Form regions that differ beside names that agree are said too, and so are
 * two forms' districts within one city (the same city, not the same place).
 */
export function compareRegions(a: CompanyProfile, b: CompanyProfile): RegionEvidence {
  const [x, y] = [placeOf(a), placeOf(b)];
  if (!x && !y) return { relation: 'equal', factor: 1, reason: 'region not given' };
  if (!x || !y) return { relation: 'one-missing', factor: 0.96, reason: `region missing on one side (${labels((x ?? y)!)})` };
  const fromForm = x.from === 'form' || y.from === 'form';
  const named = labels(x) === labels(y) ? labels(x) : `${labels(x)} / ${labels(y)}`;
  if (!compatible(x, y)) return { relation: 'differs', factor: differsFactor(fromForm), reason: `region differs: ${named}` };
  const districts = a.region && b.region && regionPrefix(a.region) !== regionPrefix(b.region) ? `${districtLabel(a.region)} / ${districtLabel(b.region)}` : undefined;
  // Two forms in one city but different districts are not "equal": the city agrees, the districts are said to differ.
  if (fromForm && x.from === y.from && districts) return { relation: 'equal', factor: 1, reason: `region same city, districts differ: ${districts}` };
  const formsDiffer = !fromForm && districts !== undefined;
  const note = formsDiffer ? `, form ${cityOf(a.region!) === cityOf(b.region!) ? 'districts' : 'regions'} differ: ${districts}` : '';
  return { relation: 'equal', factor: 1, reason: `region equal: ${named}${note}` };
}
