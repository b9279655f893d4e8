import type { OperatorSpec } from './operatorSpec.js';

const REGION_CODE = /^[1-9][0-9](?:[0-9]{2}){0,2}$/;

/**
 * The significant prefix of a GB/T 2260 division code: `440000` → `44`
 * (province), `440300` → `4403` (city), `440305` → `440305` (district).
 * Returns undefined for anything that is not a 2-, 4- or 6-digit code.
 */
export function regionPrefix(code: unknown): string | undefined {
  if (typeof code !== 'string' || !REGION_CODE.test(code)) return undefined;
  let prefix = code;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** True when division `code` lies within `area` (itself, or a city or district inside it). */
export function isWithinRegion(code: unknown, area: unknown): boolean {
  const inner = regionPrefix(code);
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
};
