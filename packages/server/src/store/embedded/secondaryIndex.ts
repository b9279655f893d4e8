import type { Doc, Filter, IndexSpec } from '../collection.js';
import { PartialFilter } from './partialFilter.js';

type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const NONE: ReadonlySet<string> = new Set();

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return doc[path];
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * An equality index on the first field of an index spec: scalar value (or each
 * scalar element of an array) → ids. It only narrows candidates; every
 * candidate is still tested against the whole filter. Values are the map's
 * keys as they are (a Map tells 1 from '1' and true from 'true', as MongoDB
 * does); a value held by one document maps to its id alone, a set only once a
 * second document shares it (most values of most indexes are held once, and a
 * set costs a hundred bytes or more).
 */
export class SecondaryIndex {
  readonly field: string;
  /** A partial index's filter: it holds only the documents matching it, and narrows only the queries implying it. */
  readonly partial: PartialFilter | undefined;
  private readonly ids = new Map<Scalar, string | Set<string>>();

  constructor(spec: IndexSpec) {
    this.field = Object.keys(spec.keys)[0]!;
    this.partial = PartialFilter.of(spec);
  }

  /** Whether the index may narrow the candidates of `filter`: not partial, or its partial filter implied by `filter`. */
  serves(filter: Filter): boolean {
    return !this.partial || this.partial.impliedBy(filter);
  }

  private keysOf(doc: Doc): readonly Scalar[] {
    if (this.partial && !this.partial.holds(doc)) return [];
    const value = valueAt(doc, this.field);
    if (isScalar(value)) return [value];
    if (Array.isArray(value)) return value.length === 1 && isScalar(value[0]) ? value : [...new Set(value.filter(isScalar))];
    return [];
  }

  record(previous: Doc | undefined, next: Doc | undefined): void {
    if (previous) {
      for (const key of this.keysOf(previous)) {
        const held = this.ids.get(key);
        if (held === previous._id) this.ids.delete(key);
        else if (typeof held === 'object') {
          held.delete(previous._id);
          if (held.size === 0) this.ids.delete(key);
        }
      }
    }
    if (next) {
      for (const key of this.keysOf(next)) {
        const held = this.ids.get(key);
        if (held === undefined) this.ids.set(key, next._id);
        else if (typeof held === 'string') {
          if (held !== next._id) this.ids.set(key, new Set([held, next._id]));
        } else held.add(next._id);
      }
    }
  }

  private idsOf(value: Scalar): ReadonlySet<string> | readonly string[] {
    const held = this.ids.get(value);
    return held === undefined ? NONE : typeof held === 'string' ? [held] : held;
  }

  /** How many ids `lookup(values)` would return, at most, without building the set. */
  estimate(values: readonly Scalar[]): number {
    let total = 0;
    for (const value of values) {
      const held = this.ids.get(value);
      total += held === undefined ? 0 : typeof held === 'string' ? 1 : held.size;
    }
    return total;
  }

  /** Ids whose field may equal one of `values`, lazily and without repeats, in the order of `values` (for one value, the index's own set: read it before changing the collection). */
  iterate(values: readonly Scalar[]): Iterable<string> {
    if (values.length === 1) return this.idsOf(values[0]!);
    return this.each(values);
  }

  private *each(values: readonly Scalar[]): Generator<string> {
    const seen = new Set<string>();
    for (const value of values) {
      for (const id of this.idsOf(value)) {
        if (seen.has(id)) continue;
        seen.add(id);
        yield id;
      }
    }
  }

  /** Ids whose field may equal one of `values`. */
  lookup(values: readonly Scalar[]): Set<string> {
    const found = new Set<string>();
    for (const value of values) for (const id of this.idsOf(value)) found.add(id);
    return found;
  }
}

/** The scalar values a filter's condition on a field asks equality with, if it is that simple. */
function equalityValues(condition: unknown): Scalar[] | undefined {
  if (isScalar(condition)) return [condition];
  if (condition && typeof condition === 'object' && !Array.isArray(condition)) {
    const entries = Object.entries(condition);
    if (entries.length === 1) {
      const [operator, operand] = entries[0]!;
      if (operator === '$eq' && isScalar(operand)) return [operand];
      if (operator === '$in' && Array.isArray(operand) && operand.every(isScalar)) return operand;
    }
  }
  return undefined;
}

/**
 * Candidate ids for a filter from the indexes, or undefined when the filter
 * needs a full scan. Handles `_id`, indexed fields' equality and `$in`,
 * `$and`, and `$or` whose every branch is indexable; a partial index only
 * for a filter (or branch) that implies its partial filter.
 */
export function planCandidates(
  filter: Filter,
  indexes: ReadonlyMap<string, SecondaryIndex>,
  allIds: () => Iterable<string>,
  has: (id: string) => boolean,
  partials: readonly SecondaryIndex[] = [],
): Iterable<string> | undefined {
  return candidateSource(filter, indexes, allIds, has, partials)?.build();
}

/**
 * Whether the ids `planCandidates` answers for `filter` are exactly the
 * documents it matches, so none needs testing: one top-level field compared
 * by equality or `$in` with scalars, read from that field's index. The index
 * holds each document under its scalar value or every scalar element of its
 * array, as MongoDB's equality matches them, and follows every change.
 * (Duplicate checks read up to 200 candidates by `dedupKeys: { $in }`: testing
 * each again against every key was a fifth of a check at a million customers.)
 */
export function exactlyIndexed(filter: Filter, indexes: ReadonlyMap<string, SecondaryIndex>): boolean {
  const fields = Object.keys(filter);
  if (fields.length !== 1) return false;
  const field = fields[0]!;
  if (field.startsWith('$') || field.includes('.') || field === '_id' || !indexes.has(field)) return false;
  // NaN and ±Infinity excepted: a packed collection's JSON keeps them as null while its index was keyed from the document inserted.
  return equalityValues(filter[field])?.every((value) => typeof value !== 'number' || Number.isFinite(value)) ?? false;
}

/** The source `planCandidates` reads, with how many ids it holds at most, without reading it. */
export function candidateSource(
  filter: Filter,
  indexes: ReadonlyMap<string, SecondaryIndex>,
  allIds: () => Iterable<string>,
  has: (id: string) => boolean,
  /** Partial indexes, each narrowing only the filters that imply its partial filter. */
  partials: readonly SecondaryIndex[] = [],
): { size: number; build: () => Iterable<string> } | undefined {
  // Pick the most selective source first; only it is materialised (an index's own ids are read lazily).
  let best: { size: number; build: () => Iterable<string> } | undefined;
  const consider = (size: number, build: () => Iterable<string>) => {
    if (!best || size < best.size) best = { size, build };
  };
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$or' && Array.isArray(condition)) {
      const branches = condition.map((branch) => planCandidates(branch as Filter, indexes, allIds, has, partials));
      if (branches.length > 0 && branches.every((set) => set !== undefined)) {
        const union = new Set<string>();
        for (const set of branches) for (const id of set!) union.add(id);
        consider(union.size, () => union);
      }
    } else if (field === '$and' && Array.isArray(condition)) {
      for (const branch of condition) {
        const found = planCandidates(branch as Filter, indexes, allIds, has, partials);
        if (found) {
          const set = found instanceof Set ? found : new Set(found);
          consider(set.size, () => set);
        }
      }
    } else if (field === '_id') {
      const values = equalityValues(condition);
      if (values) consider(values.length, () => new Set(values.map(String).filter(has)));
    } else {
      const index = indexes.get(field);
      const values = index ? equalityValues(condition) : undefined;
      if (index && values) consider(index.estimate(values), () => index.iterate(values));
    }
  }
  for (const index of partials) {
    const values = index.serves(filter) ? equalityValues(filter[index.field]) : undefined;
    if (values) consider(index.estimate(values), () => index.iterate(values));
  }
  return best;
}
