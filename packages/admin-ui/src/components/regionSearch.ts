import type { Division } from './useDivisions.js';

// Case, spaces and apostrophes do not matter in Latin letters: "Chang an" finds Chang'an Town.
const compact = (text: string) => text.toLowerCase().replace(/[\s'’‘\-·.,]/g, '');

function matchesLatin(query: string, path: readonly Division[]): boolean {
  const inOne = path.some(
    (division) => compact(division.en ?? '').includes(query) || (division.pinyin ?? '').includes(query) || (division.initials ?? '').startsWith(query),
  );
  // "guangdong dongguan" spans two levels.
  return inOne || path.map((division) => compact(division.en ?? '')).join('').includes(query);
}

function matchesTerm(term: string, path: readonly Division[]): boolean {
  if (/^\d+$/.test(term)) return path.some((division) => division.code.startsWith(term));
  const chinese = term.replace(/\s+/g, '');
  if (path.some((division) => division.name.includes(chinese)) || path.map((division) => division.name).join('').includes(chinese)) return true;
  const latin = compact(term);
  return /^[a-z]+$/.test(latin) && matchesLatin(latin, path);
}

/**
 * Whether a region picker's path (province, city, district or town) matches
 * what was typed: a Chinese name at any level (南山, 广东东莞), a code
 * (4403), an English name or pinyin (Dongguan, dongguan, Chang an) or pinyin
 * initials (dg); words apart may name levels from the top down (广东 南山). An empty
 * query matches everything.
 */
export function matchesRegion(input: string, path: readonly Division[]): boolean {
  const query = input.trim();
  if (query === '' || matchesTerm(query, path)) return true;
  // Each word names a level below the one the word before named.
  const terms = query.split(/\s+/);
  let level = 0;
  for (const term of terms) {
    while (level < path.length && !matchesTerm(term, [path[level]!])) level += 1;
    if (level === path.length) return false;
    level += 1;
  }
  return terms.length > 1;
}

/**
 * How well a matching path answers what was typed, best first: 0 when a
 * level is named exactly (Dongguan, 东莞市, 东莞), 1 when a level's name starts
 * with it, 2 otherwise. "Dongguan" lists 东莞市 before 东光县 (Dongguang County).
 */
export function regionSearchRank(input: string, path: readonly Division[]): number {
  const query = input.trim();
  const latin = compact(query);
  let rank = 2;
  for (const division of path) {
    const english = compact(division.en ?? '');
    const names = [division.name, division.name.slice(0, -1)];
    if (names.includes(query) || (latin !== '' && (english === latin || division.pinyin === latin))) return 0;
    if (division.name.startsWith(query) || (latin !== '' && english.startsWith(latin))) rank = 1;
  }
  return rank;
}
