import type { PolicyEvent } from '../format/ruleFile.js';
import type { DeriveContext, PolicySpec } from './policySpec.js';

const APPROVAL_LEVELS = ['auto', 'manager', 'finance', 'director'] as const;

function addMonths(date: Date, months: number): Date {
  const next = new Date(date.getTime());
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}

/**
 * creditLimit = min(requested, revenue × limitRatio, limitMax), rounded down to
 * a whole unit; above `autoApproveCeiling` the rule's `approvalLevel` must approve.
 */
function deriveAssessment(event: PolicyEvent, { facts, now }: DeriveContext): PolicyEvent {
  if (event.type !== 'assess') return event;
  const params = event.params ?? {};
  const requested = Number(facts['requestedLimit'] ?? 0);
  const revenue = Number(facts['annualRevenue'] ?? 0);
  const ratio = Number(params['limitRatio'] ?? 0);
  const max = params['limitMax'] === undefined ? Number.POSITIVE_INFINITY : Number(params['limitMax']);
  const creditLimit = Math.max(0, Math.floor(Math.min(requested, revenue * ratio, max)));
  const ceiling = Number(params['autoApproveCeiling'] ?? 0);
  const approvalLevel = creditLimit <= ceiling ? 'auto' : String(params['approvalLevel'] ?? 'director');
  const reviewMonths = Number(params['reviewMonths'] ?? 12);
  const nextReviewDate = addMonths(now, reviewMonths).toISOString().slice(0, 10);
  return { type: event.type, params: { ...params, creditLimit, approvalLevel, nextReviewDate } };
}

/** credit-risk: risk tier, credit limit, approval level and next review of a prospect. */
export const creditRisk: PolicySpec = {
  kind: 'credit-risk',
  recommendedHitPolicy: 'first',
  events: {
    assess: {
      type: 'object',
      required: ['tier', 'limitRatio', 'approvalLevel', 'reviewMonths'],
      properties: {
        tier: { enum: ['low', 'medium', 'high', 'reject'] },
        limitRatio: { type: 'number', minimum: 0, maximum: 1 },
        limitMax: { type: 'number', minimum: 0 },
        autoApproveCeiling: { type: 'number', minimum: 0 },
        approvalLevel: { enum: [...APPROVAL_LEVELS] },
        reviewMonths: { type: 'integer', minimum: 1, maximum: 36 },
        flagDaysPastDue: { type: 'integer', minimum: 1, description: 'Receivables this many days past due flag the account' },
        flagUtilisation: { type: 'number', minimum: 0, description: 'Exposure above this share of the limit flags the account' },
      },
    },
    refer: {
      type: 'object',
      required: ['approvalLevel', 'reason'],
      properties: {
        approvalLevel: { enum: [...APPROVAL_LEVELS] },
        reason: { type: 'string' },
      },
    },
  },
  derive: deriveAssessment,
  derivedFrom: ['requestedLimit', 'annualRevenue'],
};
