import type { OperatorSpec } from './operatorSpec.js';
import { DAY_MS, toEpochMs } from './dateValue.js';

/** `olderThanDays`: the date fact lies more than N days before the decision's clock. */
export const olderThanDays: OperatorSpec = {
  name: 'olderThanDays',
  accepts: ['date'],
  builtIn: false,
  words: { en: 'is older than (days)', zh: '早于（天）' },
  evaluate: (factValue, value, { now }) => {
    const at = toEpochMs(factValue);
    return !Number.isNaN(at) && typeof value === 'number' && now - at > value * DAY_MS;
  },
};

/** `withinDays`: the date fact lies at most N days from the decision's clock, before or after it. */
export const withinDays: OperatorSpec = {
  name: 'withinDays',
  accepts: ['date'],
  builtIn: false,
  words: { en: 'is within (days)', zh: '相距不超过（天）' },
  evaluate: (factValue, value, { now }) => {
    const at = toEpochMs(factValue);
    return !Number.isNaN(at) && typeof value === 'number' && Math.abs(now - at) <= value * DAY_MS;
  },
};
