import { useEffect, useState } from 'react';
import { regionPrefix } from '@crm-policy/engine/identifiers';
import type { ApiClient } from '../api/client.js';
import { useApi } from '../api/ApiContext.js';

/** A province, city, district or town with what it contains, as the server's bundled dataset has it. */
export interface Division {
  code: string;
  name: string;
  /** The English name: Dongguan, Nanshan District. */
  en?: string;
  /** The pinyin, where English spells the name otherwise (Shaanxi: shanxisheng). */
  pinyin?: string;
  /** The pinyin initials: dgs. */
  initials?: string;
  /** A city without districts, offered among its towns as its own six-digit code (441900). */
  wholeCity?: boolean;
  children?: Division[];
}

// One download per page load (about 60 KB gzipped, with English names and pinyin initials), shared by every picker on every screen.
const loaded = new WeakMap<ApiClient, Promise<Division[]>>();

function load(api: ApiClient): Promise<Division[]> {
  let divisions = loaded.get(api);
  if (!divisions) {
    divisions = api.call<{ divisions: Division[] }>('GET', '/api/divisions').then((answer) => answer.divisions);
    divisions.catch(() => loaded.delete(api));
    loaded.set(api, divisions);
  }
  return divisions;
}

/** The division tree; undefined while it loads, null when it could not be loaded. */
export function useDivisions(): Division[] | undefined | null {
  const api = useApi();
  const [divisions, setDivisions] = useState<Division[] | null>();
  useEffect(() => {
    let current = true;
    load(api).then(
      (tree) => current && setDivisions(tree),
      () => current && setDivisions(null),
    );
    return () => {
      current = false;
    };
  }, [api]);
  return divisions;
}

/**
 * The path of codes from the province down to a code: 440305 → [44, 4403, 440305]; 440000 counts as 44; not a code → [].
 * Given the tree, a city without districts ends at its own entry: 441900 → [44, 4419, 441900].
 */
export function divisionPath(code: string, divisions?: readonly Division[]): string[] {
  const prefix = regionPrefix(code) ?? '';
  const path = [2, 4, 6].filter((length) => length <= prefix.length).map((length) => prefix.slice(0, length));
  if (path.length === 2 && code.length === 6) {
    const city = divisions?.find((province) => province.code === path[0])?.children?.find((candidate) => candidate.code === path[1]);
    if (city?.children?.some((child) => child.wholeCity && child.code === code)) path.push(code);
  }
  return path;
}
