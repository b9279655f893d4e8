import type { OperatorSpec } from './operatorSpec.js';

/**
 * The significant prefix of a GB/T 2260 division code: `440000` → `44`
 * (province), `440300` → `4403` (city), `440305` → `440305` (district).
 * Returns undefined for anything that is not a 2-, 4- or 6-digit code.
 */
export function regionPrefix(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  const length = code.length;
  if (length !== 2 && length !== 4 && length !== 6) return undefined;
  for (let i = 0; i < length; i += 1) {
    const digit = code.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (i === 0 && digit === 0)) return undefined;
  }
  let end = length;
  while (end > 2 && code.charCodeAt(end - 1) === 48 && code.charCodeAt(end - 2) === 48) end -= 2;
  return end === length ? code : code.slice(0, end);
}

// A decision checks one customer's code against many territories: remember the last one.
let lastCode: unknown;
let lastPrefix: string | undefined;
function cachedPrefix(code: unknown): string | undefined {
  if (code !== lastCode) {
    lastPrefix = regionPrefix(code);
    lastCode = code;
  }
  return lastPrefix;
}

/** True when division `code` lies within `area` (itself, or a city or district inside it). */
export function isWithinRegion(code: unknown, area: unknown): boolean {
  const inner = cachedPrefix(code);
  const outer = regionPrefix(area);
  return inner !== undefined && outer !== undefined && inner.startsWith(outer);
}

/** `inRegion`: the fact is a division code inside the given code or any of a list. */
export const inRegion: OperatorSpec = {
  name: 'inRegion',
  accepts: ['string'],
  builtIn: false,
  words: { en: 'lies within', zh: '位于' },
  evaluate: (factValue, value) =>
    Array.isArray(value) ? value.some((area) => isWithinRegion(factValue, area)) : isWithinRegion(factValue, value),
  compile: (value) => {
    const areas = (Array.isArray(value) ? value : [value]).map(regionPrefix);
    if (areas.some((area) => area === undefined)) return (factValue) => inRegion.evaluate(factValue, value, { now: 0 });
    const prefixes = areas as string[];
    return (factValue) => {
      const inner = cachedPrefix(factValue);
      if (inner === undefined) return false;
      for (const prefix of prefixes) if (inner.startsWith(prefix)) return true;
      return false;
    };
  },
};
