import { describe, expect, it } from 'vitest';
import { denyReasonPath } from '../../src/domain/registration/denyReasons.js';

// Which registration field a deny reason concerns: the form marks it there, not in a banner above.
describe('a deny reason’s field', () => {
  it('is known for the shipped reasons about missing fields', () => {
    expect(denyReasonPath({ type: 'deny', params: { reason: 'missing-key-person' } })).toBe('/customer/contactName');
    expect(denyReasonPath({ type: 'deny', params: { reason: 'missing-buying-intent' } })).toBe('/customer/intent');
    expect(denyReasonPath({ type: 'deny', params: { reason: 'missing-purchase-plan' } })).toBe('/customer/purchasePlan/timeframe');
  });

  it('is the rule’s own `field` when it names one under /customer, whatever the reason', () => {
    expect(denyReasonPath({ type: 'deny', params: { reason: 'other', field: '/customer/email' } })).toBe('/customer/email');
    expect(denyReasonPath({ type: 'deny', params: { reason: 'other', field: '/industry' } })).toBeUndefined();
  });

  it('is none for a reason about the rep or the customer as a whole', () => {
    for (const reason of ['claim-cap-reached', 'blacklisted', 'cooling-off', 'already-claimed']) expect(denyReasonPath({ type: 'deny', params: { reason } })).toBeUndefined();
  });
});
