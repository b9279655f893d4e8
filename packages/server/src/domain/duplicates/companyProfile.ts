import type { ParsedName } from './companyName.js';
import { englishRegionCodes, parseCompanyName } from './companyName.js';
import { emailDomain, phoneE164, websiteHost } from './contactKeys.js';
import type { MatchingData } from './matchingData.js';
import { currentMatchingData, isCurrentMatchingData, matchingDataOf } from './matchingData.js';
import { regionDictionary } from './regionDictionary.js';
import { STATED_REGIONS_DIFFER } from './regionEvidence.js';

// Kept importable from here: it moved beside the matching data derived from it.
export { brandPinyin } from './matchingData.js';

/** What duplicate detection knows of a company: its parsed name and its contact keys. */
export interface CompanyProfile {
  name: ParsedName;
  creditCode?: string;
  /** The form's region (a GB/T 2260 district code, or a city's or province's): where the rep says the company is. */
  region?: string;
  phones: string[];
  emailDomain?: string;
  websiteHost?: string;
  /** Derived from `name` for scoring (see `withMatchingData`); absent or stale data is recomputed when used. */
  matching?: MatchingData;
}

/** A form's region when it is a GB/T 2260 code (a province's, a city's or a district's). */
export function formRegion(value: unknown): string | undefined {
  return typeof value === 'string' && /^(\d{2}){1,3}$/.test(value) ? value : undefined;
}

/** The profile of a registration form (template field names). */
export function profileOf(form: Record<string, unknown>): CompanyProfile {
  const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');
  const phone = phoneE164(text('phone'));
  const domain = emailDomain(text('email'));
  const host = websiteHost(text('website'));
  const region = formRegion(form['region']);
  return {
    name: parseCompanyName(text('companyName')),
    ...(text('creditCode') ? { creditCode: text('creditCode').toUpperCase() } : {}),
    ...(region ? { region } : {}),
    phones: phone ? [phone] : [],
    ...(domain ? { emailDomain: domain } : {}),
    ...(host ? { websiteHost: host } : {}),
  };
}

/** The most specific region code a name mentions ('' when none). */
export function mainRegion(name: ParsedName): string {
  return name.regions.reduce((best, region) => (region.code.length > best.length ? region.code : best), '');
}

/**
 * The identity of a name: the same brand, industry words, region and branch
 * marker are one company, however they were written. The store's identity key
 * adds the place and the credit code (`nameKeyOf` in legalIdentity.ts).
 */
export function identityKey(name: ParsedName): string {
  return [name.brand, name.industry.join(''), mainRegion(name), name.branch ?? ''].join('|');
}

/** Keys of contact details: a customer sharing one is a candidate whatever its name. */
function contactKeys(profile: CompanyProfile): string[] {
  const keys: string[] = [];
  if (profile.creditCode) keys.push(`cc:${profile.creditCode}`);
  for (const phone of profile.phones) keys.push(`ph:${phone}`);
  if (profile.emailDomain) keys.push(`em:${profile.emailDomain}`);
  if (profile.websiteHost) keys.push(`web:${profile.websiteHost}`);
  return keys;
}

/**
 * The province a name's keys are scoped to: the province of the region the
 * name states, unless the name is a branch's (a branch names its own city,
 * which says nothing against its parent: `matchCompanies`).
 */
function keyProvince(name: ParsedName): string | undefined {
  if (name.branch !== undefined) return undefined;
  const province = mainRegion(name).slice(0, 2);
  return province.length === 2 ? province : undefined;
}

/** What a brand's keys are made of: the brand, its pinyin ('' for none) and, for three to twelve characters, the brand with each character deleted. */
interface NameKeyParts {
  brand: string;
  spoken: string;
  deletions: string[];
}

function nameKeyParts(profile: CompanyProfile): NameKeyParts | undefined {
  const brand = profile.name.brand;
  if (!brand) return undefined;
  const chars = [...brand];
  const deletions = chars.length >= 3 && chars.length <= 12 ? chars.map((_, i) => `${chars.slice(0, i).join('')}${chars.slice(i + 1).join('')}`) : [];
  return { brand, spoken: currentMatchingData(brand, profile.matching).spoken, deletions };
}

/**
 * The keys of a brand: the brand, its pinyin (同音字: 腾飞 and 腾非), and, for
 * brands of three to twelve characters, the brand with one character deleted
 * (one character apart either way). Scoped to a province (`brr:腾飞|44`,
 * `pyr:`, `delr:`) or not (`br:腾飞`, `py:`, `del:`).
 */
function nameKeys(parts: NameKeyParts | undefined, province: string | undefined, into: string[]): void {
  if (!parts) return;
  const [br, py, del, place] = province ? ['brr:', 'pyr:', 'delr:', `|${province}`] : ['br:', 'py:', 'del:', ''];
  into.push(`${br}${parts.brand}${place}`);
  if (parts.spoken) into.push(`${py}${parts.spoken}${place}`);
  for (const deletion of parts.deletions) into.push(`${del}${deletion}${place}`);
}

/**
 * The blocking keys a customer is stored under: its contact keys (credit
 * code, phone, email domain, website) and its name's keys (`nameKeys`),
 * scoped to the province its name states. Two names that state regions in
 * two provinces are two companies (a name score at most
 * `STATED_REGIONS_DIFFER`), so a check reads a stated name's keys in its own
 * province only (`lookupKeys`): at a million customers, a common brand's
 * namesakes and homophones elsewhere were most of what a check read, and
 * none could be reported. A name stating no region, or a branch's, is stored
 * under unscoped keys, which every check reads.
 */
export function blockingKeys(profile: CompanyProfile): string[] {
  const keys = contactKeys(profile);
  nameKeys(nameKeyParts(profile), keyProvince(profile.name), keys);
  return [...new Set(keys)];
}

let provinces: readonly string[] | undefined;

/** Every province a name can state: the first two digits of the codes of the region dictionary and of the English region names (Hong Kong's, 81, is only there). */
function allProvinces(): readonly string[] {
  if (provinces) return provinces;
  const codes = [...[...regionDictionary().codes.values()].flat(), ...englishRegionCodes()];
  provinces = [...new Set(codes.map((code) => code.slice(0, 2)))].filter((code) => code.length === 2).sort();
  return provinces;
}

/**
 * The keys a check of `profile` reads, to find every customer that could
 * score `floor` or more (`DuplicateFinder`), in tiers, most telling first
 * (the finder scores at most 200 customers, each tier getting what the ones
 * before left): its contact keys; the name's keys in its own province, then
 * its unscoped pinyin and deletions; its unscoped brand (namesakes whose names
 * state no region, branches, customers stored before keys were scoped); then
 * its keys in every other province, read only when its name states no
 * province, or is a branch's, or when `floor` is low enough for names in two
 * provinces to reach it. So a crowd elsewhere never hides the namesake in the
 * same province, whatever order a store reads `$in` values in.
 */
export function lookupKeys(profile: CompanyProfile, floor: number): string[][] {
  const own = keyProvince(profile.name);
  // Made once: a name stating no province reads its keys in each of 35.
  const parts = nameKeyParts(profile);
  const scoped: string[] = [];
  if (own) nameKeys(parts, own, scoped);
  const unscoped: string[] = [];
  nameKeys(parts, undefined, unscoped);
  const others: string[] = [];
  if (!own || floor <= STATED_REGIONS_DIFFER) for (const province of allProvinces()) if (province !== own) nameKeys(parts, province, others);
  const brand = unscoped.filter((key) => key.startsWith('br:'));
  return [contactKeys(profile), [...scoped, ...unscoped.filter((key) => !key.startsWith('br:'))], brand, others];
}

/**
 * The profile with its matching data (brand pinyin) current: the same object
 * when it already is, else a copy with the data derived now. Customers are
 * stored with it, and a check computes it once for the name it checks.
 */
export function withMatchingData(profile: CompanyProfile): CompanyProfile {
  return isCurrentMatchingData(profile.matching, profile.name.brand) ? profile : { ...profile, matching: matchingDataOf(profile.name.brand) };
}
