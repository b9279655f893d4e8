import type { AtomicWrite, Collection, Doc, Filter, Store } from '../../store/collection.js';
import type { CustomerDoc } from '../claims/claimDocs.js';
import type { CompanyProfile } from './companyProfile.js';
import { lookupKeys, withMatchingData } from './companyProfile.js';
import { legalIdentity } from './legalIdentity.js';
import type { DuplicateSettings, Match } from './matchCompanies.js';
import { DEFAULT_DUPLICATE_SETTINGS, matchCompanies, verdictOf } from './matchCompanies.js';
import { MATCHING_DATA_VERSION, matchingDataOf } from './matchingData.js';
import { scoreCeiling } from './scoreCeiling.js';
import { profileOfCustomer, storedBlockingKeys } from './storedProfile.js';

/**
 * One existing customer a new one resembles (its id, name, profile and distinct
 * rulings only). The customer's fields may be the store's own objects: read only.
 */
export interface Candidate {
  customer: Pick<CustomerDoc, '_id' | 'name' | 'creditCode' | 'region' | 'phoneKey' | 'profile' | 'distinctFrom' | 'aliasProfiles'>;
  match: Match;
  verdict: 'duplicate' | 'review' | 'related' | 'none';
}

interface SettingsDoc extends Doc, DuplicateSettings {}

interface VersionDoc extends Doc {
  version: number;
}

/** The version of the blocking keys customers are stored under: 2 scopes a name's keys to the province it states (`blockingKeys`). */
export const BLOCKING_KEYS_VERSION = 2;

/** The match against a customer's own profile, or against a merged customer's when that is closer. */
export function bestMatch(profile: CompanyProfile, customer: Candidate['customer']): Match {
  let best = matchCompanies(profile, profileOfCustomer(customer));
  for (const alias of customer.aliasProfiles ?? []) {
    const match = matchCompanies(profile, alias);
    if (match.score > best.score) best = match;
  }
  return best;
}

/**
 * `bestMatch` for a candidate, skipping its profiles whose `scoreCeiling` is
 * below `floor` (their score would be too); undefined when none can reach it.
 * For any best match at or above `floor` the result is `bestMatch`'s.
 */
function bestMatchFrom(profile: CompanyProfile, customer: Candidate['customer'], floor: number): Match | undefined {
  const own = profileOfCustomer(customer);
  let best = scoreCeiling(profile, own) < floor ? undefined : matchCompanies(profile, own);
  for (const alias of customer.aliasProfiles ?? []) {
    if (scoreCeiling(profile, alias) < floor) continue;
    const match = matchCompanies(profile, alias);
    if (!best || match.score > best.score) best = match;
  }
  return best;
}

/** How many customers sharing a blocking key are scored, at most. */
const CANDIDATE_LIMIT = 200;

/** How candidates are read: at most the limit, with what scoring needs (a customer's profile is put back together from its fields). */
const CANDIDATE_READ = Object.freeze({
  limit: CANDIDATE_LIMIT,
  projection: Object.freeze({ name: 1, creditCode: 1, region: 1, phoneKey: 1, profile: 1, distinctFrom: 1, aliasProfiles: 1 } as const),
});

/**
 * The filters that read the customers sharing a contact key: by `dedupKeys`,
 * then by the credit code and the phone a customer holds as `creditCode` and
 * `phoneKey` rather than among its stored keys (`storedBlockingKeys`). Each
 * reads one index exactly; one `$or` of them tested every customer it found
 * against all three, a twentieth of a registration's allocation.
 */
function contactFilters(keys: readonly string[]): Filter[] {
  const valuesOf = (prefix: string) => keys.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  const codes = valuesOf('cc:');
  const phones = valuesOf('ph:');
  return [{ dedupKeys: { $in: keys } }, ...(codes.length > 0 ? [{ creditCode: { $in: codes } }] : []), ...(phones.length > 0 ? [{ phoneKey: { $in: phones } }] : [])];
}

/** Customers given their matching data per batch, at start. */
const BATCH = 500;

/**
 * Finds the existing customers a company resembles: candidates come from the
 * blocking keys (an indexed, multikey field, so MongoDB serves the lookup),
 * and each is scored. Pairs an admin marked as distinct are never reported.
 */
export class DuplicateFinder {
  private readonly settingsCollection: Collection<SettingsDoc>;

  constructor(
    private readonly store: Store,
    private readonly customers: Collection<CustomerDoc>,
  ) {
    this.settingsCollection = store.collection<SettingsDoc>('settings');
  }

  async createIndexes(): Promise<void> {
    await this.customers.createIndex({ name: 'customer_dedup_keys', keys: { dedupKeys: 1 } });
    // A check's contact tier reads a customer's own credit code and phone from these (`contactFilters`).
    await this.customers.createIndex({ name: 'customer_credit_code', keys: { creditCode: 1 } });
    await this.customers.createIndex({ name: 'customer_phone', keys: { phoneKey: 1 } });
  }

  /**
   * Stores the matching data of customers that lack it (stored before it
   * existed, or by another `MATCHING_DATA_VERSION`), a batch at a time: run at
   * start, so checks find it stored. Until a customer has it, checks derive it
   * in memory. Profiles of merged customers (`aliasProfiles`) are not rewritten:
   * merges since carry it. Returns how many customers were updated.
   */
  async storeMatchingData(): Promise<number> {
    const lacking = await this.customers.find({ 'profile.matching.v': { $ne: MATCHING_DATA_VERSION } }, { projection: { _id: 1 } });
    let updated = 0;
    for (let at = 0; at < lacking.length; at += BATCH) {
      const batch = await this.customers.find({ _id: { $in: lacking.slice(at, at + BATCH).map((doc) => doc._id) } }, { projection: { profile: 1 } });
      for (const { _id, profile } of batch) {
        if (typeof profile?.name?.brand !== 'string') continue;
        // Only while the brand is the one the data is derived from: a rename in between stored its own.
        const result = await this.customers.updateOne({ _id, 'profile.name.brand': profile.name.brand }, { $set: { 'profile.matching': matchingDataOf(profile.name.brand) } });
        updated += result.modifiedCount;
      }
    }
    return updated;
  }

  /**
   * Stores the customers stored before `BLOCKING_KEYS_VERSION` under the keys
   * it gives, once per store (recorded in `settings`, id `blocking-keys`), 500
   * to a write: those under an unscoped brand key whose names state a
   * region. Every check reads unscoped keys, so they are found either way;
   * re-keyed, they are no longer read by checks of names in other provinces.
   * Keys merged in (`mergedKeys`) are kept. Returns how many were re-keyed.
   */
  async scopeStoredKeys(): Promise<number> {
    const versions = this.store.collection<VersionDoc>('settings');
    if (((await versions.findOne({ _id: 'blocking-keys' }))?.version ?? 1) >= BLOCKING_KEYS_VERSION) return 0;
    const unscoped = await this.customers.find({ dedupKeys: { $regex: '^br:' } }, { projection: { _id: 1 } });
    let updated = 0;
    for (let at = 0; at < unscoped.length; at += BATCH) {
      const batch = await this.customers.find({ _id: { $in: unscoped.slice(at, at + BATCH).map((doc) => doc._id) } }, { projection: { name: 1, creditCode: 1, region: 1, phoneKey: 1, profile: 1, dedupKeys: 1, mergedKeys: 1 } });
      const writes: AtomicWrite[] = [];
      for (const customer of batch) {
        const keys = [...new Set([...storedBlockingKeys(profileOfCustomer(customer)), ...(customer.mergedKeys ?? [])])];
        if (keys.length === customer.dedupKeys.length && keys.every((key) => customer.dedupKeys.includes(key))) continue;
        // Only while the keys are those read: a rename or a merge in between stored its own.
        writes.push({ collection: this.customers.name, updateOne: { filter: { _id: customer._id, dedupKeys: customer.dedupKeys }, update: { $set: { dedupKeys: keys } } } });
      }
      if (writes.length > 0) for (const result of await this.store.writeAtomically(writes)) updated += result.modifiedCount;
    }
    await versions.updateOne({ _id: 'blocking-keys' }, { $set: { version: BLOCKING_KEYS_VERSION } }, { upsert: true });
    return updated;
  }

  async settings(): Promise<DuplicateSettings> {
    const stored = await this.settingsCollection.findOne({ _id: 'duplicates' });
    return stored ? { high: stored.high, low: stored.low, branchesAreDuplicates: stored.branchesAreDuplicates } : DEFAULT_DUPLICATE_SETTINGS;
  }

  async saveSettings(settings: DuplicateSettings): Promise<DuplicateSettings> {
    await this.settingsCollection.updateOne({ _id: 'duplicates' }, { $set: { ...settings } }, { upsert: true });
    return settings;
  }

  /**
   * The stored customer `profile` is a duplicate of (the same legal identity,
   * see `legalIdentity`, or a score at or above the high threshold), if any;
   * `distinctFrom` lists customers an admin ruled to be other companies.
   */
  async duplicateOf(profile: CompanyProfile, options: { excludeId?: string; distinctFrom?: readonly string[] } = {}): Promise<{ customerId: string; match: Match } | null> {
    const exact = (await legalIdentity(this.customers, profile, options.excludeId ? { excludeId: options.excludeId } : {})).same;
    if (exact && !options.distinctFrom?.includes(exact._id)) return { customerId: exact._id, match: bestMatch(profile, exact) };
    const similar = (await this.candidates(profile, options.excludeId ? { excludeId: options.excludeId } : {})).find(
      (candidate) => candidate.verdict === 'duplicate' && !options.distinctFrom?.includes(candidate.customer._id),
    );
    return similar ? { customerId: similar.customer._id, match: similar.match } : null;
  }

  /** Customers that resemble `profile`, best first, with their verdicts at the current thresholds. */
  async candidates(profile: CompanyProfile, options: { excludeId?: string; settings?: DuplicateSettings } = {}): Promise<Candidate[]> {
    const settings = options.settings ?? (await this.settings());
    // The name's matching data once per check; each candidate's comes stored with it.
    const checked = withMatchingData(profile);
    // Below both thresholds every verdict is 'none'.
    const floor = Math.min(settings.low, settings.high);
    const found = await this.lookUp(lookupKeys(checked, floor));
    const similar: Candidate[] = [];
    for (const customer of found) {
      if (customer._id === options.excludeId || (options.excludeId && customer.distinctFrom?.includes(options.excludeId))) continue;
      const match = bestMatchFrom(checked, customer, floor);
      const verdict = match ? verdictOf(match, settings) : 'none';
      if (match && verdict !== 'none') similar.push({ customer, match, verdict });
    }
    return similar.sort((a, b) => b.match.score - a.match.score);
  }

  /**
   * The customers sharing a blocking key, at most `CANDIDATE_LIMIT`, read
   * tier by tier (`lookupKeys`): first those sharing a contact key (credit
   * code, phone, email, website), then a narrow key of the name in its own
   * province or unscoped (brand, pinyin, one character off), then the
   * unscoped brand, then the name's keys in other provinces. One query over
   * every key would fill the limit in index order (MongoDB reads `$in` values
   * sorted: `br:` before `brr:`, `cc:` and `ph:`), so a common brand's hundreds
   * of namesakes could crowd out the one customer with the same credit code,
   * or the namesake in the same province.
   * Scored in place: the candidates are read, never changed.
   */
  private async lookUp(tiers: readonly (readonly string[])[]): Promise<ReadonlyArray<Readonly<Candidate['customer']>>> {
    const found = new Map<string, Readonly<Candidate['customer']>>();
    for (const [tier, keys] of tiers.entries()) {
      if (keys.length === 0 || found.size === CANDIDATE_LIMIT) continue;
      for (const filter of tier === 0 ? contactFilters(keys) : [{ dedupKeys: { $in: keys } }]) {
        if (found.size === CANDIDATE_LIMIT) break;
        // Customers an earlier tier or filter found may come again: read as many more as can be kept, and skip them here.
        const customers = await this.customers.findReadOnly(filter, CANDIDATE_READ);
        for (const customer of customers) {
          if (found.size === CANDIDATE_LIMIT) return [...found.values()];
          found.set(customer._id, customer);
        }
      }
    }
    return [...found.values()];
  }
}
