import { pinyin } from 'pinyin-pro';

/**
 * The version of what `matchingDataOf` derives. Raise it when the derivation
 * changes (another reading of pinyin-pro, a new field): stored data of another
 * version is then ignored, recomputed in memory, and rewritten at the next start.
 */
export const MATCHING_DATA_VERSION = 1;

/**
 * What scoring derives from a name and would otherwise recompute for every
 * candidate of every check: stored with the customer (`profile.matching`), and
 * computed once per check for the name being checked. It names the brand it
 * was derived from, so data left behind by a rename is never used.
 */
export interface MatchingData {
  /** `MATCHING_DATA_VERSION` when it was derived. */
  v: number;
  /** The brand (字号) it was derived from. */
  brand: string;
  /** The brand's pinyin without tones ('' for a brand without Chinese characters). */
  spoken: string;
}

/** The pinyin of a Chinese brand without tones ('' for a Latin one). */
export function brandPinyin(brand: string): string {
  return /[\u4e00-\u9fff]/.test(brand) ? pinyin(brand, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('') : '';
}

/** Derives the matching data of a brand. */
export function matchingDataOf(brand: string): MatchingData {
  return { v: MATCHING_DATA_VERSION, brand, spoken: brandPinyin(brand) };
}

/** Whether stored data was derived from `brand` by this version. */
export function isCurrentMatchingData(data: MatchingData | undefined, brand: string): data is MatchingData {
  return data !== undefined && data.v === MATCHING_DATA_VERSION && data.brand === brand;
}

/** The stored data when it is current for `brand`; otherwise derived now (and not kept). */
export function currentMatchingData(brand: string, stored: MatchingData | undefined): MatchingData {
  return isCurrentMatchingData(stored, brand) ? stored : matchingDataOf(brand);
}
