import type { Explanation } from '@crm-policy/engine';
import type { AtRest } from '../../atRest/sealedValue.js';
import type { Doc } from '../../store/collection.js';
import type { CreditReport } from './creditReport.js';

export const TIERS = ['low', 'medium', 'high', 'reject'] as const;
export type Tier = (typeof TIERS)[number];

export const APPROVAL_LEVELS = ['auto', 'manager', 'finance', 'director'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];

/** Why an assessment was made. */
export type Trigger = 'request' | 'annual-review' | 'sector-change';

/**
 * `applied`: in force on the account. `pending-approval`: the limit is above the
 * automatic ceiling (or the policy referred it) and waits for the named level.
 * `pending-review`: a re-assessment that would cut the tier or limit, waiting
 * for finance. `approved` / `rejected`: decided. `superseded`: a newer one replaced it before a decision.
 */
export type AssessmentStatus = 'applied' | 'pending-approval' | 'pending-review' | 'approved' | 'rejected' | 'superseded';

export interface ApprovalDecision {
  by: string;
  name: string;
  role: string;
  approve: boolean;
  comment: string;
  at: string;
  /** The limit and tier the approver set (a referral needs both; an approval may lower the limit). */
  limit?: number;
  tier?: Tier;
}

/** One assessment of a customer: kept as history, never overwritten (only its status and decisions move). `Content`: the report's contents, in the clear unless said otherwise. */
export interface AssessmentDoc<Content = CreditReport> extends Doc {
  customerId: string;
  customerName: string;
  industry: string;
  /** The holder's team when assessed, for managers' scope. */
  team: string | null;
  at: string;
  trigger: Trigger;
  /** Who asked: `person` is the user behind an API key (its creator), who may not decide it either. */
  requestedBy: { id: string; name: string; person?: string };
  requestedLimit: number;
  report: { provider: string; source: 'provider' | 'upload' | 'stored'; reportId: string; reportDate: string; content: Content };
  sector: { industry: string; index: number; entryId?: string };
  facts: Record<string, number>;
  policyVersion: string;
  outcome: 'assess' | 'refer';
  tier: Tier | null;
  creditLimit: number | null;
  approvalLevel: ApprovalLevel;
  nextReviewDate: string | null;
  reviewMonths: number | null;
  flagDaysPastDue: number | null;
  flagUtilisation: number | null;
  reason: string;
  fired: string[];
  explanation?: Explanation;
  /** The account before, when there was one. */
  previous: { tier: Tier; limit: number } | null;
  change: 'new' | 'same' | 'raise' | 'cut';
  status: AssessmentStatus;
  decisions: ApprovalDecision[];
  sectorJobId?: string;
}

/** An assessment as the store keeps it: the report's contents sealed when a data key is configured. */
export type StoredAssessmentDoc = AssessmentDoc<AtRest<CreditReport>>;

/** A customer's revolving account: what is in force, and its receivables. */
export interface CreditAccountDoc extends Doc {
  customerName: string;
  industry: string;
  team: string | null;
  tier: Tier;
  limit: number;
  requestedLimit: number;
  assessmentId: string;
  assessedAt: string;
  nextReviewDate: string;
  flagDaysPastDue: number | null;
  flagUtilisation: number | null;
  exposure: number;
  daysPastDue: number;
  receivablesAsOf: string | null;
  flags: string[];
  /** Set while a re-assessment of this account waits for a decision. */
  pendingAssessment?: string;
  /** A failed scheduled review is retried from this time. */
  reviewRetryAt?: string;
  lastReviewError?: string;
  updatedAt: string;
}

const TIER_RANK: Record<Tier, number> = { low: 3, medium: 2, high: 1, reject: 0 };

/** True when `next` is a worse tier than `current`. */
export function isWorseTier(next: Tier, current: Tier): boolean {
  return TIER_RANK[next] < TIER_RANK[current];
}

/** The flags receivables raise under an account's thresholds. */
export function receivableFlags(account: Pick<CreditAccountDoc, 'limit' | 'exposure' | 'daysPastDue' | 'flagDaysPastDue' | 'flagUtilisation'>): string[] {
  const flags: string[] = [];
  if (account.flagDaysPastDue !== null && account.daysPastDue >= account.flagDaysPastDue) flags.push('past-due');
  if (account.exposure > account.limit) flags.push('over-limit');
  else if (account.flagUtilisation !== null && account.exposure > 0 && account.exposure >= account.limit * account.flagUtilisation) flags.push('high-utilisation');
  return flags;
}
