const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Epoch milliseconds of an ISO date or date-time string; NaN for anything else. */
export function toEpochMs(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  return Date.parse(value);
}

/**
 * The inclusive upper bound of a range ending at `value`: a date-only string
 * covers its whole (UTC) day, so `2026-03-31` includes 2026-03-31T23:59:59.999Z.
 */
export function toInclusiveUpperMs(value: unknown): number {
  const ms = toEpochMs(value);
  return typeof value === 'string' && DATE_ONLY.test(value) ? ms + DAY_MS - 1 : ms;
}

export { DAY_MS };
