import type { Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import type { Logger } from '../../logger.js';
import type { CustomerDoc } from '../claims/claimDocs.js';
import type { CompanyProfile } from './companyProfile.js';
import { profileOf, withMatchingData } from './companyProfile.js';
import { legalIdentity, nameKeyOf, rulingOf } from './legalIdentity.js';
import { storedBlockingKeys } from './storedProfile.js';

/** The version of the stored identity keys: 2 places a name without a region by its form's city, and folds English connectors and legal forms. */
export const IDENTITY_KEYS_VERSION = 2;

interface VersionDoc extends Doc {
  version: number;
}

const BATCH = 500;

/** The key a stored customer keeps when its new identity key is another's: its own, found by a duplicate scan. */
async function keyFor(customers: Collection<CustomerDoc>, customer: CustomerDoc, profile: CompanyProfile, logger: Logger): Promise<string> {
  const { same, nameKey } = await legalIdentity(customers, profile, { excludeId: customer._id });
  if (!same) return `${nameKey}${rulingOf(customer.nameKey)}`;
  logger.warn('two stored customers now read as one company: kept apart, run a duplicate scan to merge or mark them distinct', { customerId: customer._id, other: same._id });
  return `${nameKey}${rulingOf(customer.nameKey)}#${customer._id}`;
}

/**
 * Re-derives every stored customer's profile, blocking keys and identity key
 * from its form, once per key version (recorded in `settings`, id
 * `identity-keys`), so customers stored before the version keep being found:
 * a name without a region gets its form's city in its key (`@11`), a customer's
 * profile gets its form region, and names with `&` or English legal forms get
 * their folded spelling. Admin rulings (`#…`) are kept. Two customers the new
 * key reads as one are both kept; the later gets a key of its own and a warning.
 */
export async function migrateIdentityKeys(store: Store, customers: Collection<CustomerDoc>, logger: Logger): Promise<void> {
  const versions = store.collection<VersionDoc>('settings');
  if (((await versions.findOne({ _id: 'identity-keys' }))?.version ?? 1) >= IDENTITY_KEYS_VERSION) return;
  let after = '';
  let migrated = 0;
  for (;;) {
    const batch = await customers.find({ _id: { $gt: after } }, { sort: { _id: 1 }, limit: BATCH, projection: { fields: 1, nameKey: 1, mergedKeys: 1 } });
    if (batch.length === 0) break;
    for (const customer of batch) {
      const profile = withMatchingData(profileOf(customer.fields));
      const set = { profile, dedupKeys: [...new Set([...storedBlockingKeys(profile), ...(customer.mergedKeys ?? [])])] };
      try {
        await customers.updateOne({ _id: customer._id }, { $set: { ...set, nameKey: `${nameKeyOf(profile)}${rulingOf(customer.nameKey)}` } });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        await customers.updateOne({ _id: customer._id }, { $set: { ...set, nameKey: await keyFor(customers, customer, profile, logger) } });
      }
      migrated += 1;
    }
    after = batch[batch.length - 1]!._id;
  }
  await versions.updateOne({ _id: 'identity-keys' }, { $set: { version: IDENTITY_KEYS_VERSION } }, { upsert: true });
  if (migrated > 0) logger.info('identity keys re-derived', { customers: migrated, version: IDENTITY_KEYS_VERSION });
}
