import { newId } from '../../store/newId.js';
import { profileOf, withMatchingData } from '../duplicates/companyProfile.js';
import { nameKeyOf } from '../duplicates/legalIdentity.js';
import type { CompanyProfile } from '../duplicates/companyProfile.js';
import { storedBlockingKeys, storedProfile } from '../duplicates/storedProfile.js';
import type { CustomerDoc } from './claimDocs.js';

/**
 * A customer document from a registration form, with the profile (and its
 * matching data) and blocking keys duplicate detection reads. `distinctFrom` records customers it was ruled
 * not to be; its identity key then carries a suffix, so the store keeps both.
 */
export function newCustomer(input: {
  form: Record<string, unknown>;
  industry: string;
  templateVersion: number;
  createdBy: string;
  now: string;
  profile?: CompanyProfile;
  /** The identity key (`legalIdentity`): the name's slot unless another credit code holds it. */
  nameKey?: string;
  distinctFrom?: { customerId: string; ruling: string };
}): CustomerDoc {
  // Stored with its matching data, so no check derives it again for this customer.
  const profile = withMatchingData(input.profile ?? profileOf(input.form));
  const identity = input.nameKey ?? nameKeyOf(profile);
  const name = String(input.form['companyName']);
  const region = String(input.form['region']);
  return {
    _id: newId(),
    industry: input.industry,
    templateVersion: input.templateVersion,
    fields: input.form,
    name,
    nameKey: input.distinctFrom ? `${identity}#${input.distinctFrom.ruling}` : identity,
    ...(profile.creditCode ? { creditCode: profile.creditCode } : {}),
    ...(profile.phones[0] ? { phoneKey: profile.phones[0] } : {}),
    profile: storedProfile(profile, { name, creditCode: profile.creditCode, region, phoneKey: profile.phones[0] }),
    dedupKeys: storedBlockingKeys(profile),
    ...(input.distinctFrom ? { distinctFrom: [input.distinctFrom.customerId] } : {}),
    region,
    grade: String(input.form['grade']),
    blacklisted: false,
    createdAt: input.now,
    createdBy: input.createdBy,
  };
}
