import type { RobotAttempt, RobotDelivery } from '../../../api/robotsApi.js';
import type { MessageKey } from '../../../i18n/messages.js';

/** A post to a robot as the admin reads it: a tag (its colour and words) and, when it did not go through, why. */
export interface DeliveryWords {
  color: 'success' | 'error' | 'processing' | 'warning' | 'default';
  status: MessageKey;
  reason?: MessageKey;
}

const STATUS: Readonly<Record<RobotDelivery['status'], Pick<DeliveryWords, 'color' | 'status'>>> = {
  delivered: { color: 'success', status: 'robots.status.delivered' },
  failed: { color: 'error', status: 'robots.status.failed' },
  pending: { color: 'warning', status: 'robots.status.retrying' },
  delivering: { color: 'processing', status: 'robots.status.sending' },
  cancelled: { color: 'default', status: 'robots.status.cancelled' },
};

/**
 * Why an attempt did not go through, from what the dispatcher recorded
 * (`receiver unreachable`, `answered 200, message refused`, `answered <status>`);
 * undefined for one that went through.
 */
export function attemptReason(attempt: RobotAttempt | undefined): MessageKey | undefined {
  const error = attempt?.error;
  if (error === undefined) return undefined;
  if (error === 'receiver unreachable') return 'robots.reason.unreachable';
  if (/message refused$/.test(error)) return 'robots.reason.refused';
  const status = Number(/^answered (\d{3})\b/.exec(error)?.[1]);
  if (status >= 400 && status < 500) return 'robots.reason.rejected';
  if (status >= 500) return 'robots.reason.platformDown';
  return 'robots.reason.other';
}

/** A delivery's status in words, with the reason of its last attempt when it failed or waits to be retried. */
export function deliveryWords(delivery: Pick<RobotDelivery, 'status' | 'attempts' | 'history'>): DeliveryWords {
  if (delivery.status === 'pending' && delivery.attempts === 0) return { color: 'processing', status: 'robots.status.waiting' };
  const words: DeliveryWords = { ...STATUS[delivery.status] };
  if (delivery.status === 'failed' || delivery.status === 'pending') {
    const reason = attemptReason(delivery.history.at(-1));
    if (reason) words.reason = reason;
  }
  return words;
}
