import type { Doc, Filter, IndexSpec } from '../collection.js';
import { simpleMatcher } from './simpleFilter.js';

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The scalar a condition asks equality with (`v` or `{ $eq: v }`), if it is that simple. */
function equalTo(condition: unknown): Scalar | undefined {
  if (isScalar(condition)) return condition;
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
    const entries = Object.entries(condition);
    if (entries.length === 1 && entries[0]![0] === '$eq' && isScalar(entries[0]![1])) return entries[0]![1];
  }
  return undefined;
}

/**
 * A partial index's filter, as the embedded store uses it: the index holds
 * only the documents that match it, so it may answer a query only when the
 * query's filter implies it, as MongoDB decides for its partial indexes. The
 * store understands the commonest form, equality of plain fields with
 * scalars (`{ holding: true }`, `{ status: 'open' }`), and implication by the
 * same equality in the query; an index with any other partial filter is not
 * used by the store's planner (its unique constraint still holds).
 */
export class PartialFilter {
  private constructor(
    private readonly equalities: ReadonlyArray<readonly [string, Scalar]>,
    private readonly matches: (doc: Doc) => boolean,
  ) {}

  /** The filter of a spec whose partial filter the planner understands; undefined for a spec without one, or with another kind. */
  static of(spec: IndexSpec): PartialFilter | undefined {
    const expression = spec.partialFilterExpression;
    if (!expression) return undefined;
    const equalities: Array<readonly [string, Scalar]> = [];
    for (const [field, condition] of Object.entries(expression)) {
      const value = equalTo(condition);
      if (field.startsWith('$') || field.includes('.') || value === undefined) return undefined;
      equalities.push([field, value]);
    }
    const matches = simpleMatcher(expression);
    return equalities.length > 0 && matches ? new PartialFilter(equalities, matches) : undefined;
  }

  /** Whether a spec's index can serve queries: no partial filter, or one the planner understands. */
  static usable(spec: IndexSpec): boolean {
    return !spec.partialFilterExpression || PartialFilter.of(spec) !== undefined;
  }

  /** Whether the filter asks equality of `field`: every document the index holds has that one value there (or an array holding it). */
  fixes(field: string): boolean {
    return this.equalities.some(([fixed]) => fixed === field);
  }

  /** Whether the index holds `doc`. */
  holds(doc: Doc): boolean {
    return this.matches(doc);
  }

  /** Whether every document `filter` matches is one the index holds: the filter asks the same equality of each field. */
  impliedBy(filter: Filter): boolean {
    return this.equalities.every(([field, value]) => equalTo(filter[field]) === value);
  }
}
