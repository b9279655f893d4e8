import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers every webhook delivery carries. */
export const WEBHOOK_HEADERS = {
  event: 'x-crm-policy-event',
  delivery: 'x-crm-policy-delivery',
  timestamp: 'x-crm-policy-timestamp',
  signature: 'x-crm-policy-signature',
} as const;

/**
 * The signature of a delivery: `v1=` and the hex HMAC-SHA256, keyed by the
 * endpoint's secret, of the timestamp (Unix seconds), a dot, and the raw body.
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Checks a delivery as a receiver would: the signature matches and the
 * timestamp is within `toleranceSeconds` of `now` (a replayed old request fails).
 */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string, options: { toleranceSeconds?: number; now?: Date } = {}): boolean {
  const seconds = Number(timestamp);
  const now = (options.now ?? new Date()).getTime() / 1000;
  if (!Number.isInteger(seconds) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
