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
      required: ['reason'],
      properties: {
        reason: { enum: [...DENY_REASONS] },
        message: { type: 'string' },
        holder: { type: ['object', 'null'] },
        limit: { type: 'integer', minimum: 0 },
        until: { type: ['string', 'null'] },
        /** The registration field the reason concerns, as a JSON Pointer (`/customer/intent`): the form marks it. */
        field: { type: 'string', pattern: '^/customer/' },
      },
    },
    eligible: {
      type: 'object',
      required: ['protectionDays'],
      properties: {
        protectionDays: { type: 'integer', minimum: 1, maximum: 3650 },
        dealDays: { type: 'integer', minimum: 1, maximum: 3650 },
        remindDaysBefore: { type: 'integer', minimum: 0, maximum: 365 },
      },
    },
  },
};
