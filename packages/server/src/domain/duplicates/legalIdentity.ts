import type { Collection } from '../../store/collection.js';
import type { CustomerDoc } from '../claims/claimDocs.js';
import type { CompanyProfile } from './companyProfile.js';
import { identityKey } from './companyProfile.js';
import { cityOf } from './regionEvidence.js';

/**
 * The name's slot in the store's unique identity index (`nameKey`): the
 * name's identity (brand, industry words, the region it states, branch) and,
 * when the name states no region, the city of the form's region after `@`.
 * 华兴电子有限公司 at 110108 is `华兴|电子||@11`; at 310115, `华兴|电子||@31`.
 */
export function nameKeyOf(profile: CompanyProfile): string {
  const key = identityKey(profile.name);
  return profile.name.regions.length === 0 && profile.region ? `${key}@${cityOf(profile.region)}` : key;
}

/** The key of a second legal entity in a slot another credit code holds: the slot and its own code. */
const codeKey = (slot: string, creditCode: string) => `${slot}#cc:${creditCode}`;

/** The ruling suffix of a stored key (`#…` set when an admin or an appeal ruled it another company), or ''. */
export function rulingOf(nameKey: string): string {
  return nameKey.split('#').slice(1).filter((part) => !part.startsWith('cc:')).map((part) => `#${part}`).join('');
}

/** Whether two credit codes are both given and differ: two legal entities, whatever their names. */
export const otherEntities = (a: string | undefined, b: string | undefined): boolean => Boolean(a && b && a !== b);

/** A stored customer with the same legal identity, and the identity key a new or corrected customer is stored under. */
export interface LegalIdentity {
  same: CustomerDoc | null;
  nameKey: string;
}

/**
 * Looks a company up by its legal identity: its credit code when it has one;
 * otherwise, and also beside a code, its name in its place (`nameKeyOf`).
 *
 * - The same credit code is the same company.
 * - The holder of the name's slot is the same company unless both carry
 *   credit codes and they differ: a customer without a code can never sit
 *   beside another of its name and place.
 * - A customer with a code whose slot another code holds is stored under a
 *   key of its own (the slot and its code), so two legal entities of one name
 *   and place are both stored, while a registration without a code still
 *   collides with the slot in the store's unique index.
 */
export async function legalIdentity(customers: Collection<CustomerDoc>, profile: CompanyProfile, options: { excludeId?: string } = {}): Promise<LegalIdentity> {
  const other = options.excludeId ? { _id: { $ne: options.excludeId } } : {};
  const slot = nameKeyOf(profile);
  const byCode = profile.creditCode ? await customers.findOne({ creditCode: profile.creditCode, ...other }) : null;
  const holder = await customers.findOne({ nameKey: slot, ...other });
  const namesake = holder !== null && otherEntities(profile.creditCode, holder.creditCode);
  return { same: byCode ?? (namesake ? null : holder), nameKey: namesake ? codeKey(slot, profile.creditCode!) : slot };
}
