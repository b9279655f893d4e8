import { newId } from '../../store/newId.js';
import type { Principal } from '../../auth/principal.js';
import type { Collection, Doc, Store } from '../../store/collection.js';

/** One value of a sector's risk index, from a date on. Entries are never changed: a new one supersedes. */
export interface SectorRiskDoc extends Doc {
  industry: string;
  /** 0–100, higher is riskier. */
  index: number;
  /** From this day on (YYYY-MM-DD). */
  effectiveFrom: string;
  comment: string;
  setBy: string;
  setAt: string;
}

/** The index used for an industry that has none of its own. */
export const DEFAULT_SECTOR = '*';
const DEFAULT_INDEX = 50;

/** The sector risk index admins maintain per industry, with its history. */
export class SectorRisk {
  readonly entries: Collection<SectorRiskDoc>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.entries = store.collection<SectorRiskDoc>('sectorRisk');
  }

  async createIndexes(): Promise<void> {
    await this.entries.createIndex({ name: 'sector_by_industry_date', keys: { industry: 1, effectiveFrom: -1, setAt: -1 } });
  }

  async set(principal: Principal, input: { industry: string; index: number; effectiveFrom: string; comment: string }): Promise<{ entry: SectorRiskDoc; previous: number }> {
    const previous = (await this.effective(input.industry, input.effectiveFrom)).index;
    const entry: SectorRiskDoc = { _id: newId(), ...input, setBy: principal.id, setAt: this.clock().toISOString() };
    await this.entries.insertOne(entry);
    return { entry, previous };
  }

  /** The index in force for an industry on a day: its own latest entry, else the default sector's, else 50. */
  async effective(industry: string, day = today(this.clock())): Promise<{ index: number; industry: string; entryId?: string; effectiveFrom?: string }> {
    for (const sector of [industry, DEFAULT_SECTOR]) {
      const found = await this.entries.findOne({ industry: sector, effectiveFrom: { $lte: day } }, { sort: { effectiveFrom: -1, setAt: -1 } });
      if (found) return { index: found.index, industry: sector, entryId: found._id, effectiveFrom: found.effectiveFrom };
    }
    return { index: DEFAULT_INDEX, industry: DEFAULT_SECTOR };
  }

  /** The index in force per industry today, and each industry's history, newest first. */
  async overview(): Promise<Array<{ industry: string; index: number | null; effectiveFrom: string | null; history: SectorRiskDoc[] }>> {
    const all = await this.entries.find({}, { sort: { industry: 1, effectiveFrom: -1, setAt: -1 } });
    const day = today(this.clock());
    const industries = [...new Set(all.map((e) => e.industry))];
    return industries.map((industry) => {
      const history = all.filter((e) => e.industry === industry);
      const current = history.find((e) => e.effectiveFrom <= day);
      return { industry, index: current?.index ?? null, effectiveFrom: current?.effectiveFrom ?? null, history };
    });
  }
}

export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
