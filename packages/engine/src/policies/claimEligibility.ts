import type { PolicySpec } from './policySpec.js';

/** Why a registration is refused; a closed list so that clients can act on it. */
export const DENY_REASONS = [
  'already-claimed',
  'already-yours',
  'claim-cap-reached',
  'grade-cap-reached',
  'missing-key-person',
  'missing-buying-intent',
  'missing-purchase-plan',
  'blacklisted',
  'cooling-off',
  'daily-pool-limit',
  'locked-cap-reached',
  'other',
] as const;

/** claim-eligibility: may this rep claim this customer, and for how long? */
export const claimEligibility: PolicySpec = {
  kind: 'claim-eligibility',
  recommendedHitPolicy: 'collect',
  events: {
    deny: {
      type: 'object',
      'x-title': { zh: '拒绝', en: 'Refuse' },
      required: ['reason'],
      properties: {
        reason: { enum: [...DENY_REASONS], 'x-title': { zh: '原因', en: 'Reason' }, 'x-choices': { zh: { 'already-claimed': '已被同事报备', 'already-yours': '已在你名下', 'claim-cap-reached': '持有客户数已达上限', 'grade-cap-reached': '该等级客户数已达上限', 'missing-key-person': '缺少关键联系人', 'missing-buying-intent': '缺少购买意向', 'missing-purchase-plan': '缺少采购计划', 'blacklisted': '在黑名单中', 'cooling-off': '冷静期内', 'daily-pool-limit': '今日公海领取已达上限', 'locked-cap-reached': '锁定客户数已达上限', 'other': '其他' }, en: { 'already-claimed': 'Already claimed by a colleague', 'already-yours': 'Already yours', 'claim-cap-reached': 'Claim cap reached', 'grade-cap-reached': 'Grade cap reached', 'missing-key-person': 'Key person missing', 'missing-buying-intent': 'Buying intent missing', 'missing-purchase-plan': 'Purchase plan missing', 'blacklisted': 'Blacklisted', 'cooling-off': 'Cooling-off period', 'daily-pool-limit': 'Daily pool limit reached', 'locked-cap-reached': 'Locked cap reached', 'other': 'Other' } } },
        message: { type: 'string', 'x-title': { zh: '提示', en: 'Message' } },
        holder: { type: ['object', 'null'], 'x-title': { zh: '持有人', en: 'Holder' } },
        limit: { type: 'integer', minimum: 0, 'x-title': { zh: '上限', en: 'Limit' } },
        until: { type: ['string', 'null'], 'x-title': { zh: '保护至', en: 'Protected until' } },
        /** The registration field the reason concerns, as a JSON Pointer (`/customer/intent`): the form marks it. */
        field: { type: 'string', pattern: '^/customer/', 'x-title': { zh: '相关字段', en: 'Field concerned' } },
      },
    },
    eligible: {
      type: 'object',
      'x-title': { zh: '可报备', en: 'Eligible' },
      required: ['protectionDays'],
      properties: {
        protectionDays: { type: 'integer', minimum: 1, maximum: 3650, 'x-title': { zh: '保护期', en: 'Protection' }, 'x-unit': { zh: '天', en: 'days' } },
        dealDays: { type: 'integer', minimum: 1, maximum: 3650, 'x-title': { zh: '商机保护期', en: 'Deal protection' }, 'x-unit': { zh: '天', en: 'days' } },
        remindDaysBefore: { type: 'integer', minimum: 0, maximum: 365, 'x-title': { zh: '到期前提醒', en: 'Reminder before expiry' }, 'x-unit': { zh: '天', en: 'days' } },
      },
    },
  },
};
