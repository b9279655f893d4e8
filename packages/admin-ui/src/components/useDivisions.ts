import { useEffect, useState } from 'react';
import { regionPrefix } from '@crm-policy/engine/identifiers';
import type { ApiClient } from '../api/client.js';
import { useApi } from '../api/ApiContext.js';

/** A province, city or district with what it contains, as the server's bundled dataset has it. */
export interface Division {
  code: string;
  name: string;
  children?: Division[];
}

// One download per page load (about 35 KB gzipped), shared by every picker on every screen.
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

/** The division tree, or undefined while it loads (or when it could not be loaded). */
export function useDivisions(): Division[] | undefined {
  const api = useApi();
  const [divisions, setDivisions] = useState<Division[]>();
  useEffect(() => {
    let current = true;
    load(api).then(
      (tree) => current && setDivisions(tree),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return divisions;
}

/** The path of codes from the province down to a code: 440305 → [44, 4403, 440305]; 440000 counts as 44; not a code → []. */
export function divisionPath(code: string): string[] {
  const prefix = regionPrefix(code) ?? '';
  return [2, 4, 6].filter((length) => length <= prefix.length).map((length) => prefix.slice(0, length));
}
