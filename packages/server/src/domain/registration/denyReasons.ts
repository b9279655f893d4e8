import type { PolicyEvent } from '@crm-policy/engine';
import type { Language } from '@crm-policy/engine';

const TEXT: Record<string, { en: string; zh: string }> = {
  'already-claimed': { en: 'Another rep holds this customer', zh: '该客户已被其他销售认领' },
  'already-yours': { en: 'You already hold this customer', zh: '您已认领该客户' },
  'claim-cap-reached': { en: 'You hold the most customers allowed ({limit})', zh: '您持有的客户数已达上限（{limit}）' },
  'grade-cap-reached': { en: 'You hold the most customers of this grade allowed ({limit})', zh: '您持有的该等级客户数已达上限（{limit}）' },
  'missing-key-person': { en: 'A grade-A customer needs a named key person', zh: 'A 级客户需填写关键联系人' },
  'missing-buying-intent': { en: 'A grade-A customer needs a stated buying intent', zh: 'A 级客户需填写购买意向' },
  'missing-purchase-plan': { en: 'A grade-B customer needs a purchase plan with a timeframe', zh: 'B 级客户需填写含时间的采购计划' },
  'cooling-off': { en: 'You held this customer less than {limit} days ago', zh: '您在 {limit} 天内曾持有该客户，冷却期内不可再次认领' },
  'daily-pool-limit': { en: 'You have claimed the most customers from the pool allowed today ({limit})', zh: '您今日从公海认领的客户数已达上限（{limit}）' },
  'locked-cap-reached': { en: 'You have the most open deals allowed ({limit})', zh: '您的锁定客户（进行中的商机）已达上限（{limit}）' },
  blacklisted: { en: 'This customer is on the blacklist', zh: '该客户在黑名单中' },
  other: { en: 'The policy does not allow this registration', zh: '策略不允许此次登记' },
};

/**
 * The registration field each deny reason concerns, as a JSON Pointer into the
 * request body (what a 422's `details` name): the form shows the reason on
 * that field. The policy's facts are named after the customer
 * (`customer.buyingIntent`); the form's fields after the template (`intent`):
 * `RegistrationService.decide` maps one to the other, and this follows it.
 */
const FIELDS: Record<string, string> = {
  'missing-key-person': '/customer/contactName',
  'missing-buying-intent': '/customer/intent',
  'missing-purchase-plan': '/customer/purchasePlan/timeframe',
};

/**
 * The field a deny outcome concerns, or undefined for one about the rep or the
 * customer as a whole (a cap, the blacklist). A rule names its own with a
 * `field` parameter (`"field": "/customer/intent"`); the shipped reasons are known.
 */
export function denyReasonPath(outcome: PolicyEvent): string | undefined {
  const named = outcome.params?.['field'];
  if (typeof named === 'string' && named.startsWith('/customer/')) return named;
  return FIELDS[String(outcome.params?.['reason'] ?? '')];
}

/** A deny outcome in words, in the caller's language. */
export function denyReasonText(outcome: PolicyEvent, language: Language): string {
  if (outcome.type === 'error') return String(outcome.params?.['message'] ?? 'The policy could not decide');
  const reason = String(outcome.params?.['reason'] ?? 'other');
  const text = (TEXT[reason] ?? TEXT['other']!)[language];
  return text.replace('{limit}', String(outcome.params?.['limit'] ?? ''));
}
