import type { Collection, Doc, Store } from '../../store/collection.js';
import type { CustomerDoc } from '../claims/claimDocs.js';
import type { CompanyProfile } from './companyProfile.js';
import { blockingKeys } from './companyProfile.js';
import { legalIdentity } from './legalIdentity.js';
import type { DuplicateSettings, Match } from './matchCompanies.js';
import { DEFAULT_DUPLICATE_SETTINGS, matchCompanies, verdictOf } from './matchCompanies.js';

/** One existing customer a new one resembles (its id, name, profile and distinct rulings only). */
export interface Candidate {
  customer: Pick<CustomerDoc, '_id' | 'name' | 'profile' | 'distinctFrom' | 'aliasProfiles'>;
  match: Match;
  verdict: 'duplicate' | 'review' | 'related' | 'none';
}

interface SettingsDoc extends Doc, DuplicateSettings {}

/** The match against a customer's own profile, or against a merged customer's when that is closer. */
export function bestMatch(profile: CompanyProfile, customer: Candidate['customer']): Match {
  let best = matchCompanies(profile, customer.profile);
  for (const alias of customer.aliasProfiles ?? []) {
    const match = matchCompanies(profile, alias);
    if (match.score > best.score) best = match;
  }
  return best;
}

/** How many customers sharing a blocking key are scored, at most. */
const CANDIDATE_LIMIT = 200;

/**
 * Finds the existing customers a company resembles: candidates come from the
 * blocking keys (an indexed, multikey field, so MongoDB serves the lookup),
 * and each is scored. Pairs an admin marked as distinct are never reported.
 */
export class DuplicateFinder {
  private readonly settingsCollection: Collection<SettingsDoc>;

  constructor(
    store: Store,
    private readonly customers: Collection<CustomerDoc>,
  ) {
    this.settingsCollection = store.collection<SettingsDoc>('settings');
  }

  async createIndexes(): Promise<void> {
    await this.customers.createIndex({ name: 'customer_dedup_keys', keys: { dedupKeys: 1 } });
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
    const found = await this.customers.find(
      { dedupKeys: { $in: blockingKeys(profile) } },
      { limit: CANDIDATE_LIMIT, projection: { name: 1, profile: 1, distinctFrom: 1, aliasProfiles: 1 } },
    );
    return found
      .filter((customer) => customer._id !== options.excludeId && !(options.excludeId && customer.distinctFrom?.includes(options.excludeId)))
      .map((customer) => {
        const match = bestMatch(profile, customer);
        return { customer, match, verdict: verdictOf(match, settings) };
      })
      .filter((candidate) => candidate.verdict !== 'none')
      .sort((a, b) => b.match.score - a.match.score);
  }
}
