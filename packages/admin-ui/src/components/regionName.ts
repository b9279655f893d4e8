import type { Language } from '../i18n/messages.js';
import type { Division } from './useDivisions.js';
import { divisionPath } from './useDivisions.js';

const PLACEHOLDERS = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/**
 * A district code as people read it: its city and district names from the
 * division tree (深圳市 南山区), a province's or municipality's own name when that is all
 * the code says; undefined while the tree loads or when the code names no division, so a code is never shown.
 * On an English page the names are English where the tree has them (Shenzhen Nanshan District).
 */
export function regionName(divisions: readonly Division[] | undefined, code: string | null | undefined, language: Language = 'zh'): string | undefined {
  if (!divisions || !code) return undefined;
  const names: string[] = [];
  let level: readonly Division[] | undefined = divisions;
  for (const prefix of divisionPath(code, divisions)) {
    const found: Division | undefined = level?.find((division) => division.code === prefix);
    if (!found) break;
    // A city without districts, picked as a whole, is the city already named.
    if (found.wholeCity) break;
    names.push(language === 'en' && found.en ? found.en : found.name);
    level = found.children;
  }
  // A municipality's "city" level is a placeholder (市辖区, 县, 省直辖县级行政区划): left out.
  const named = names.filter((name, i) => !(i === 1 && (PLACEHOLDERS.test(name) || /^(City districts|Counties|County-level divisions)$/.test(name))));
  if (named.length === 0) return undefined;
  return (named.length > 2 ? named.slice(1) : named).join(' ');
}
