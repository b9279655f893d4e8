import type { ParsedName } from './companyName.js';
import type { CompanyProfile } from './companyProfile.js';
import { blockingKeys, formRegion } from './companyProfile.js';
import type { MatchingData } from './matchingData.js';

/** The fields of a customer document a profile would repeat: its name, credit code, region and phone. */
export interface ProfileHolder {
  name: string;
  creditCode?: string;
  region?: string;
  phoneKey?: string;
}

/**
 * A profile as a customer stores it: without what the document holds beside
 * it. The folded name when it is the name itself, the credit code and region
 * when they are the document's (the region when the document's is a region
 * code; `null` when the profile has none but the document has one), the phones when they are the document's phone key, and
 * the brand of the matching data when it is the name's. The omitted fields
 * were 130 bytes of every registration's 3.2 KB written, and held in memory
 * for every customer. A profile stored whole (before this layout) reads the same.
 */
export interface StoredProfile extends Omit<CompanyProfile, 'name' | 'creditCode' | 'region' | 'phones' | 'matching'> {
  name: Omit<ParsedName, 'folded'> & { folded?: string };
  creditCode?: string | null;
  region?: string | null;
  phones?: string[];
  matching?: Omit<MatchingData, 'brand'> & { brand?: string };
}

const holderPhones = (holder: ProfileHolder): string[] => (holder.phoneKey ? [holder.phoneKey] : []);
const samePhones = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((phone, i) => phone === b[i]);

/** A field the holder repeats: left out when equal, `null` when only the holder has one, else kept. */
function stored(value: string | undefined, held: string | undefined): string | null | undefined {
  if (value === held) return undefined;
  return value ?? null;
}

/** The profile to store on a customer whose document holds `holder`'s fields. */
export function storedProfile(profile: CompanyProfile, holder: ProfileHolder): StoredProfile {
  const { name, creditCode, region, phones, matching, ...rest } = profile;
  const { folded, ...parsed } = name;
  const code = stored(creditCode, holder.creditCode);
  const place = stored(region, formRegion(holder.region));
  return {
    name: folded === holder.name ? parsed : name,
    ...(code !== undefined ? { creditCode: code } : {}),
    ...(place !== undefined ? { region: place } : {}),
    ...(samePhones(phones, holderPhones(holder)) ? {} : { phones }),
    ...rest,
    ...(matching ? { matching: matching.brand === name.brand ? { v: matching.v, spoken: matching.spoken } : matching } : {}),
  };
}

/** A field `stored` left out or kept, read back. */
function restored(value: string | null | undefined, present: boolean, held: string | undefined): string | undefined {
  return present ? (value ?? undefined) : held;
}

/** The whole profile of a stored customer (one stored whole is answered as it is). */
export function profileOfCustomer(customer: ProfileHolder & { profile: StoredProfile }): CompanyProfile {
  const { profile } = customer;
  const { name, creditCode, region, phones, matching, ...rest } = profile;
  const code = restored(creditCode, 'creditCode' in profile, customer.creditCode);
  const place = restored(region, 'region' in profile, formRegion(customer.region));
  return {
    ...rest,
    name: name.folded === undefined ? { ...name, folded: customer.name } : (name as ParsedName),
    ...(code !== undefined ? { creditCode: code } : {}),
    ...(place !== undefined ? { region: place } : {}),
    phones: phones ?? holderPhones(customer),
    ...(matching ? { matching: matching.brand === undefined ? { ...matching, brand: name.brand } : (matching as MatchingData) } : {}),
  };
}

/**
 * The blocking keys a customer stores (`dedupKeys`): all but those of its
 * credit code and its phone, which the document holds as `creditCode` and
 * `phoneKey`, each with an index of its own; a check looks those up there
 * (`DuplicateFinder`). Two of every registered customer's keys were written,
 * indexed and held twice. A merge keeps the merged customer's contact keys
 * in `dedupKeys`, where its own fields no longer are.
 */
export function storedBlockingKeys(profile: CompanyProfile): string[] {
  const held = new Set([profile.creditCode ? `cc:${profile.creditCode}` : '', profile.phones[0] ? `ph:${profile.phones[0]}` : '']);
  return blockingKeys(profile).filter((key) => !held.has(key));
}
