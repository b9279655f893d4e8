const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether two outcomes (JSON values: an event's type and params) are the
 * same: equal scalars, arrays element by element, objects field by field in
 * any order, a field holding `undefined` as missing (as in JSON). Cheaper per
 * record than comparing two serialisations, and blind to key order, which
 * decides nothing.
 */
export function sameOutcome(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameOutcome(item, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  let fields = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key) || a[key] === undefined) continue;
    fields += 1;
    if (!Object.hasOwn(b, key) || !sameOutcome(a[key], b[key])) return false;
  }
  for (const key in b) if (Object.hasOwn(b, key) && b[key] !== undefined) fields -= 1;
  return fields === 0;
}
