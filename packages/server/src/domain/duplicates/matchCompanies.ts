import { canonicalIndustry } from './companyName.js';
import type { CompanyProfile } from './companyProfile.js';
import { compareRegions } from './regionEvidence.js';
import type { MatchingData } from './matchingData.js';
import { currentMatchingData } from './matchingData.js';

/** Admin-set thresholds of duplicate detection. */
export interface DuplicateSettings {
  /** At or above: a duplicate (409). */
  high: number;
  /** At or above (and below `high`): accepted, flagged for a manager's review. */
  low: number;
  /** Report a branch or subsidiary of a held company as a duplicate rather than as related. */
  branchesAreDuplicates: boolean;
}

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { high: 0.9, low: 0.75, branchesAreDuplicates: false };

/** How two companies compare: a score, the reasons, and whether one is a branch of the other. */
export interface Match {
  score: number;
  reasons: string[];
  related: boolean;
  /** Set when the two carry different credit codes: two legal entities, whose names score `nameScore` alike. */
  otherEntity?: { nameScore: number };
}

function levenshtein(a: string[], b: string[]): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/**
 * Similarity of two brands (字号): 1 when equal, 0.95 when they sound alike (腾飞, 腾非); one character apart in four gives 0.75.
 * Their matching data (pinyin), when given and current, is used instead of computing it again.
 */
export function brandSimilarity(a: string, b: string, dataA?: MatchingData, dataB?: MatchingData): number {
  if (a === b) return a ? 1 : 0;
  // Sounds alike, or the same name in pinyin and in characters (腾飞 and Tengfei).
  const pinyinA = currentMatchingData(a, dataA).spoken;
  const pinyinB = currentMatchingData(b, dataB).spoken;
  if ((pinyinA || pinyinB) && (pinyinA || a) === (pinyinB || b)) return 0.95;
  const x = [...a];
  const y = [...b];
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 0 : 1 - levenshtein(x, y) / longest;
}

/** Overlap of industry words in either language (shared / fewer); a name without any says nothing against the other (0.75). */
function industrySimilarity(wordsA: string[], wordsB: string[]): number {
  const a = [...new Set(wordsA.map(canonicalIndustry))];
  const b = [...new Set(wordsB.map(canonicalIndustry))];
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0.75;
  return a.filter((word) => b.includes(word)).length / Math.min(a.length, b.length);
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Scores a pair of companies, with a reason for each piece of evidence. */
export function matchCompanies(a: CompanyProfile, b: CompanyProfile): Match {
  const reasons: string[] = [];
  const brand = brandSimilarity(a.name.brand, b.name.brand, a.matching, b.matching);
  const region = compareRegions(a, b);
  const industry = industrySimilarity(a.name.industry, b.name.industry);
  // A branch often names its own city (腾飞科技有限公司北京分公司): its region says nothing against its parent.
  const branchPair = (a.name.branch !== undefined) !== (b.name.branch !== undefined);
  const regionFactor = branchPair ? 1 : region.factor;
  let nameScore = brand * (0.8 + 0.2 * industry) * regionFactor;
  const parts = [
    brand === 1 ? '字号 equal' : brand === 0.95 ? '字号 sounds alike' : `字号 ${round(brand)}`,
    region.reason,
    industry === 1 ? 'industry words equal' : 'industry words differ',
    a.name.legalForm === b.name.legalForm ? 'suffix equal' : 'suffix differs',
  ];
  nameScore = round(nameScore);
  reasons.push(`name ${nameScore.toFixed(2)}: ${parts.join(', ')}`);
  let score = nameScore;

  if (a.creditCode && b.creditCode) {
    if (a.creditCode === b.creditCode) return { score: 1, reasons: ['same credit code', ...reasons], related: false };
    score = Math.min(score, 0.6);
    reasons.unshift('different credit codes');
  }
  const contactEvidence = nameScore >= 0.5 ? 0.2 : 0;
  if (a.phones.some((phone) => b.phones.includes(phone))) {
    score = Math.max(score, 0.8) + contactEvidence;
    reasons.unshift('same phone');
  }
  if (a.websiteHost && a.websiteHost === b.websiteHost) {
    score = Math.max(score, 0.85) + contactEvidence;
    reasons.unshift('same website');
  }
  if (a.emailDomain && a.emailDomain === b.emailDomain) {
    score = Math.max(score, 0.8) + contactEvidence / 2;
    reasons.unshift('same email domain');
  }
  const otherEntity = a.creditCode !== undefined && b.creditCode !== undefined && a.creditCode !== b.creditCode;
  if (otherEntity) score = Math.min(score, 0.6);
  const related = branchPair && brand === 1;
  if (related) reasons.push(`${a.name.branch ?? b.name.branch} of the same company`);
  return { score: round(Math.min(1, score)), reasons, related, ...(otherEntity ? { otherEntity: { nameScore } } : {}) };
}

/** What a match means at the admin's thresholds. */
export function verdictOf(match: Match, settings: DuplicateSettings): 'duplicate' | 'review' | 'related' | 'none' {
  // Two credit codes are two legal entities, never one customer: a namesake is at most related.
  if (match.otherEntity) return match.otherEntity.nameScore >= settings.low ? 'related' : 'none';
  if (match.related && !settings.branchesAreDuplicates) return match.score >= settings.low ? 'related' : 'none';
  if (match.score >= settings.high) return 'duplicate';
  if (match.score >= settings.low) return 'review';
  return 'none';
}
