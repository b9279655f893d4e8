import type { OperatorSpec } from './operatorSpec.js';
import { toEpochMs, toInclusiveUpperMs } from './dateValue.js';

/** `between`: inclusive numeric range `[low, high]`, or ISO-date range. */
export const between: OperatorSpec = {
  name: 'between',
  accepts: ['number', 'date'],
  builtIn: false,
  words: { en: 'between', zh: '介于' },
  evaluate: (factValue, value) => {
    if (!Array.isArray(value) || value.length !== 2) return false;
    const [low, high] = value as [unknown, unknown];
    if (typeof low === 'number' && typeof high === 'number') {
      return typeof factValue === 'number' && factValue >= low && factValue <= high;
    }
    const at = toEpochMs(factValue);
    const from = toEpochMs(low);
    const to = toInclusiveUpperMs(high);
    return !Number.isNaN(at) && !Number.isNaN(from) && !Number.isNaN(to) && at >= from && at <= to;
  },
};
