import type { Doc, Filter, IndexSpec } from '../collection.js';
import { PartialFilter } from './partialFilter.js';

/** A value an equality index keys. */
export type Scalar = string | number | boolean;
const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
const NONE: ReadonlySet<string> = new Set();
/** The most ids a list of one value keeps once one is removed from it; past that it becomes a set (see `SecondaryIndex`). */
const LIST_LIMIT = 64;

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return doc[path];
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** What the query planner reads of an index on a field: the ids whose field may equal given values. */
export interface EqualityIndex {
  readonly field: string;
  /** A partial index's filter: it holds only the documents matching it, and narrows only the queries implying it. */
  readonly partial: PartialFilter | undefined;
  /** Whether the ids it answers for equality with scalars are exactly the documents matching it, so none needs testing (see `exactlyIndexed`). */
  readonly exact: boolean;
  /** Whether the index may narrow the candidates of `filter`. */
  serves(filter: Filter): boolean;
  /** Moves a document's entries from its previous version to its next. */
  record(previous: Doc | undefined, next: Doc | undefined): void;
  /** How many ids `iterate(values)` would return, at most, without building them. */
  estimate(values: readonly Scalar[]): number;
  /** Ids whose field may equal one of `values`, lazily and without repeats, in the order of `values` (read them before changing the collection). */
  iterate(values: readonly Scalar[]): Iterable<string>;
}

/**
 * An equality index on the first field of an index spec: scalar value (or each
 * scalar element of an array) → ids. It only narrows candidates; every
 * candidate is still tested against the whole filter. Values are the map's
 * keys as they are (a Map tells 1 from '1' and true from 'true', as MongoDB
 * does); a value held by one document maps to its id alone, a list once a
 * second document shares it (most values of most indexes are held once, and a
 * set costs a hundred bytes or more). A list becomes a set when an id is
 * removed from one past `LIST_LIMIT` ids: appending to a list is what opening a
 * large folder does millions of times, several times cheaper than adding to a
 * set (a million-customer folder opened in 42-44 s instead of 48), and a
 * removal from a short list is cheap too. The first removal from a long list
 * pays for its set once: about 0.4 s for a million ids (the claims of one
 * status at a million customers), as a first sorted page pays for its ordered
 * index.
 */
export class SecondaryIndex implements EqualityIndex {
  readonly field: string;
  readonly partial: PartialFilter | undefined;
  readonly exact = true;
  private readonly ids = new Map<Scalar, string | string[] | Set<string>>();

  constructor(spec: IndexSpec) {
    this.field = Object.keys(spec.keys)[0]!;
    this.partial = PartialFilter.of(spec);
  }

  serves(filter: Filter): boolean {
    return !this.partial || this.partial.impliedBy(filter);
  }

  /**
   * The document's field: a scalar, an array (whose scalar elements are its
   * keys), or undefined when it has no key. Read in place, without a list of
   * keys per document: a repeated element is added or removed once, since
   * adding an id a key holds, or removing one it does not, changes nothing.
   */
  private keyed(doc: Doc): Scalar | readonly unknown[] | undefined {
    if (this.partial && !this.partial.holds(doc)) return undefined;
    const value = valueAt(doc, this.field);
    return isScalar(value) || Array.isArray(value) ? value : undefined;
  }

  record(previous: Doc | undefined, next: Doc | undefined): void {
    const before = previous && this.keyed(previous);
    if (before !== undefined) {
      if (!Array.isArray(before)) this.remove(before as Scalar, previous!._id);
      else for (const key of before) if (isScalar(key)) this.remove(key, previous!._id);
    }
    const after = next && this.keyed(next);
    if (after !== undefined) {
      if (!Array.isArray(after)) this.add(after as Scalar, next!._id);
      else for (const key of after) if (isScalar(key)) this.add(key, next!._id);
    }
  }

  private add(key: Scalar, id: string): void {
    const held = this.ids.get(key);
    if (held === undefined) this.ids.set(key, id);
    else if (typeof held === 'string') {
      if (held !== id) this.ids.set(key, [held, id]);
    } else if (Array.isArray(held)) {
      // A list holds each id once: the only id added to it twice in a row is a document's repeated element, added last.
      if (held[held.length - 1] !== id) held.push(id);
    } else held.add(id);
  }

  private remove(key: Scalar, id: string): void {
    const held = this.ids.get(key);
    if (held === id) this.ids.delete(key);
    else if (Array.isArray(held)) {
      if (held.length > LIST_LIMIT) {
        const set = new Set(held);
        set.delete(id);
        this.ids.set(key, set);
        return;
      }
      const at = held.indexOf(id);
      if (at < 0) return;
      if (held.length === 2) this.ids.set(key, held[1 - at]!);
      else held.splice(at, 1);
    } else if (typeof held === 'object') {
      held.delete(id);
      if (held.size === 0) this.ids.delete(key);
    }
  }

  private idsOf(value: Scalar): ReadonlySet<string> | readonly string[] {
    const held = this.ids.get(value);
    return held === undefined ? NONE : typeof held === 'string' ? [held] : held;
  }

  estimate(values: readonly Scalar[]): number {
    let total = 0;
    for (const value of values) {
      const held = this.ids.get(value);
      total += held === undefined ? 0 : typeof held === 'string' ? 1 : Array.isArray(held) ? held.length : held.size;
    }
    return total;
  }

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
  indexes: ReadonlyMap<string, EqualityIndex>,
  allIds: () => Iterable<string>,
  has: (id: string) => boolean,
  partials: readonly EqualityIndex[] = [],
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
export function exactlyIndexed(filter: Filter, indexes: ReadonlyMap<string, EqualityIndex>): boolean {
  const fields = Object.keys(filter);
  if (fields.length !== 1) return false;
  const field = fields[0]!;
  if (field.startsWith('$') || field.includes('.') || field === '_id' || !indexes.get(field)?.exact) return false;
  // NaN and ±Infinity excepted: a packed collection's JSON keeps them as null while its index was keyed from the document inserted.
  return equalityValues(filter[field])?.every((value) => typeof value !== 'number' || Number.isFinite(value)) ?? false;
}

/** The source `planCandidates` reads, with how many ids it holds at most, without reading it. */
export function candidateSource(
  filter: Filter,
  indexes: ReadonlyMap<string, EqualityIndex>,
  allIds: () => Iterable<string>,
  has: (id: string) => boolean,
  /** Partial indexes, each narrowing only the filters that imply its partial filter. */
  partials: readonly EqualityIndex[] = [],
): { size: number; build: () => Iterable<string> } | undefined {
  // Pick the most selective source first; only it is materialised (an index's own ids are read lazily).
  let best: { size: number; build: () => Iterable<string> } | undefined;
  const consider = (size: number, build: () => Iterable<string>) => {
    if (!best || size < best.size) best = { size, build };
  };
  // An index's count is taken only when there is another source to weigh it against, or when asked (a duplicate check's `$in` of a few hundred keys, most of them absent, counted them all to choose among one source).
  const considerIndex = (index: EqualityIndex, values: readonly Scalar[]) => {
    if (best) consider(index.estimate(values), () => index.iterate(values));
    else {
      let size: number | undefined;
      best = { get size() { return (size ??= index.estimate(values)); }, build: () => index.iterate(values) };
    }
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
      if (index && values) considerIndex(index, values);
    }
  }
  for (const index of partials) {
    const values = index.serves(filter) ? equalityValues(filter[index.field]) : undefined;
    if (values) considerIndex(index, values);
  }
  return best;
}
