import type { Language } from '../i18n/messages.js';
import type { Division } from './useDivisions.js';

/** A region as the cascader offers it: the code, the name in the page's language, the division it stands for. */
export interface RegionOption {
  value: string;
  label: string;
  division: Division;
  children?: RegionOption[];
}

/**
 * The division tree as cascader options named in the page's language: Chinese
 * names on a Chinese page, English on an English one; a city without
 * districts offers itself first among its towns, as `wholeCity`.
 */
export function regionOptions(divisions: readonly Division[], language: Language, wholeCity: string): RegionOption[] {
  return divisions.map((division) => {
    const label = division.wholeCity ? wholeCity : language === 'zh' ? division.name : (division.en ?? division.name);
    const option: RegionOption = { value: division.code, label, division };
    if (division.children?.length) option.children = regionOptions(division.children, language, wholeCity);
    return option;
  });
}

/** The region a picked code stands for: a town (nine digits) is registered as its city, the first six digits. */
export function regionCode(code: string): string {
  return /^\d{9}$/.test(code) ? code.slice(0, 6) : code;
}
