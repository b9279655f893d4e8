import type { CompanyProfile } from './companyProfile.js';
import { currentMatchingData } from './matchingData.js';
import { regionFactor } from './regionEvidence.js';

/** Room for the score's rounding to two decimals, and for floating-point error. */
const ROUNDING = 0.01;

/** Contact evidence of the kinds `matchCompanies` counts: the only evidence that lifts a score above the name's. */
function sharesContact(a: CompanyProfile, b: CompanyProfile): boolean {
  if (a.creditCode && a.creditCode === b.creditCode) return true;
  if ((a.websiteHost && a.websiteHost === b.websiteHost) || (a.emailDomain && a.emailDomain === b.emailDomain)) return true;
  for (const phone of a.phones) if (b.phones.includes(phone)) return true;
  return false;
}

/** How often a code unit occurs in `text` before index `end`. */
const count = (text: string, code: number, end = text.length) => {
  let n = 0;
  for (let i = 0; i < end; i += 1) if (text.charCodeAt(i) === code) n += 1;
  return n;
};

/**
 * Characters two brands have in common, as multisets (腾飞科 and 飞腾达 share 2),
 * without allocating. An edit distance is at least the longer length minus
 * this (the bag distance), so `common / longer` bounds the similarity.
 */
function sharedCharacters(a: string, b: string): number {
  let shared = 0;
  for (let i = 0; i < a.length; i += 1) {
    const code = a.charCodeAt(i);
    // Each character once, at its first occurrence.
    if (count(a, code, i) === 0) shared += Math.min(count(a, code), count(b, code));
  }
  return shared;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** At least `brandSimilarity(a, b)`: exact when equal, 1 when they sound alike, else the bag-distance bound. */
function brandCeiling(a: CompanyProfile, b: CompanyProfile): number {
  const x = a.name.brand;
  const y = b.name.brand;
  if (x === y) return x ? 1 : 0;
  const pinyinX = currentMatchingData(x, a.matching).spoken;
  const pinyinY = currentMatchingData(y, b.matching).spoken;
  if ((pinyinX || pinyinY) && (pinyinX || x) === (pinyinY || y)) return 1;
  // Code units are characters only without surrogate pairs: otherwise no bound.
  if (SURROGATE.test(x) || SURROGATE.test(y)) return 1;
  return sharedCharacters(x, y) / Math.max(x.length, y.length);
}

/**
 * An upper bound of `matchCompanies(a, b).score`, found without an edit
 * distance and without building reasons: a candidate whose ceiling is below
 * the lower threshold would be 'none', and is not scored. It holds because
 * contact evidence is the only thing that lifts a score above the name score,
 * and the name score (brand × industry factor × region factor, the industry
 * factor at most 1) never exceeds the brand similarity times the region
 * factor. Namesakes in other cities (北京腾飞 beside 上海腾飞, region factor
 * 0.3) are most of a common brand's candidates at a million customers. A change to the scoring that
 * breaks either must change this too; test/duplicates/scoreCeiling.test.ts
 * checks the bound over the labelled pairs and their variants.
 */
export function scoreCeiling(a: CompanyProfile, b: CompanyProfile): number {
  if (sharesContact(a, b)) return 1;
  const brand = brandCeiling(a, b);
  // A branch beside its parent is not weighed by region (`matchCompanies`).
  const region = (a.name.branch !== undefined) !== (b.name.branch !== undefined) ? 1 : regionFactor(a, b);
  return Math.min(1, brand * region + ROUNDING);
}
