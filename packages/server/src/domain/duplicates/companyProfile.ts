import type { ParsedName } from './companyName.js';
import { parseCompanyName } from './companyName.js';
import { emailDomain, phoneE164, websiteHost } from './contactKeys.js';
import type { MatchingData } from './matchingData.js';
import { currentMatchingData, isCurrentMatchingData, matchingDataOf } from './matchingData.js';

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

/**
 * Blocking keys: a customer is a candidate for a check when it shares one.
 * Credit code, phone, email domain and website; the brand within its
 * province, and the brand itself; its pinyin
 * (同音字: 腾飞 and 腾非); and, for brands of three or more characters, the
 * brand with one character deleted (one character apart either way).
 */
export function blockingKeys(profile: CompanyProfile): string[] {
  const keys = new Set<string>();
  if (profile.creditCode) keys.add(`cc:${profile.creditCode}`);
  for (const phone of profile.phones) keys.add(`ph:${phone}`);
  if (profile.emailDomain) keys.add(`em:${profile.emailDomain}`);
  if (profile.websiteHost) keys.add(`web:${profile.websiteHost}`);
  const brand = profile.name.brand;
  if (brand) {
    // The brand within its province first: a common brand has many namesakes elsewhere.
    const province = mainRegion(profile.name).slice(0, 2);
    if (province) keys.add(`brr:${brand}|${province}`);
    keys.add(`br:${brand}`);
    const { spoken } = currentMatchingData(brand, profile.matching);
    if (spoken) keys.add(`py:${spoken}`);
    const chars = [...brand];
    if (chars.length >= 3 && chars.length <= 12) {
      for (let i = 0; i < chars.length; i += 1) keys.add(`del:${chars.slice(0, i).join('')}${chars.slice(i + 1).join('')}`);
    }
  }
  return [...keys];
}

/**
 * The profile with its matching data (brand pinyin) current: the same object
 * when it already is, else a copy with the data derived now. Customers are
 * stored with it, and a check computes it once for the name it checks.
 */
export function withMatchingData(profile: CompanyProfile): CompanyProfile {
  return isCurrentMatchingData(profile.matching, profile.name.brand) ? profile : { ...profile, matching: matchingDataOf(profile.name.brand) };
}
