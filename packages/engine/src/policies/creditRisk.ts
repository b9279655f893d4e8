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
      'x-title': { zh: '评估', en: 'Assess' },
      required: ['tier', 'limitRatio', 'approvalLevel', 'reviewMonths'],
      properties: {
        tier: { enum: ['low', 'medium', 'high', 'reject'], 'x-title': { zh: '风险等级', en: 'Risk tier' }, 'x-choices': { zh: { 'low': '低', 'medium': '中', 'high': '高', 'reject': '拒绝' }, en: { 'low': 'Low', 'medium': 'Medium', 'high': 'High', 'reject': 'Reject' } } },
        limitRatio: { type: 'number', minimum: 0, maximum: 1, 'x-title': { zh: '额度比例', en: 'Limit ratio' }, 'x-unit': { zh: '占年营收', en: 'of annual revenue' } },
        limitMax: { type: 'number', minimum: 0, 'x-title': { zh: '额度上限', en: 'Limit cap' }, 'x-unit': { zh: '元', en: 'CNY' } },
        autoApproveCeiling: { type: 'number', minimum: 0, 'x-title': { zh: '自动批准上限', en: 'Auto-approval ceiling' }, 'x-unit': { zh: '元', en: 'CNY' } },
        approvalLevel: { enum: [...APPROVAL_LEVELS], 'x-title': { zh: '审批级别', en: 'Approval level' }, 'x-choices': { zh: { 'auto': '自动批准', 'manager': '经理', 'finance': '财务', 'director': '总监' }, en: { 'auto': 'Automatic', 'manager': 'Manager', 'finance': 'Finance', 'director': 'Director' } } },
        reviewMonths: { type: 'integer', minimum: 1, maximum: 36, 'x-title': { zh: '复审周期', en: 'Review every' }, 'x-unit': { zh: '个月', en: 'months' } },
        flagDaysPastDue: { type: 'integer', minimum: 1, 'x-title': { zh: '逾期预警', en: 'Flag when past due' }, 'x-unit': { zh: '天', en: 'days' }, description: 'Receivables this many days past due flag the account' },
        flagUtilisation: { type: 'number', minimum: 0, 'x-title': { zh: '占用率预警', en: 'Flag utilisation above' }, 'x-unit': { zh: '占额度', en: 'of the limit' }, description: 'Exposure above this share of the limit flags the account' },
      },
    },
    refer: {
      type: 'object',
      'x-title': { zh: '转审批', en: 'Refer for approval' },
      required: ['approvalLevel', 'reason'],
      properties: {
        approvalLevel: { enum: [...APPROVAL_LEVELS], 'x-title': { zh: '审批级别', en: 'Approval level' }, 'x-choices': { zh: { 'auto': '自动批准', 'manager': '经理', 'finance': '财务', 'director': '总监' }, en: { 'auto': 'Automatic', 'manager': 'Manager', 'finance': 'Finance', 'director': 'Director' } } },
        reason: { type: 'string', 'x-title': { zh: '原因', en: 'Reason' } },
      },
    },
  },
  derive: deriveAssessment,
  derivedFrom: ['requestedLimit', 'annualRevenue'],
};
