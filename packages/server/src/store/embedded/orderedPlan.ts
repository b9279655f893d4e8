import { Query } from 'mingo';
import type { Doc, Filter, Sort } from '../collection.js';
import { bsonRank, compareBson } from './compareBson.js';
import type { IndexKey, OrderedIndex } from './orderedIndex.js';
import { KeyEdge } from './orderedIndex.js';
import { simpleMatcher } from './simpleFilter.js';

type Bound = { value: string | number; inclusive: boolean };

/** An entry of a page an ordered index serves: the id, with its document when the walk read it already (to test what the keys do not say). */
export type OrderedHit = { id: string; doc: Doc | undefined };
type Hit = OrderedHit;

/** How an index serves a query: the values fixing its leading fields, the range on the next one, the walk's direction, how many sort fields it orders. */
interface Fit {
  index: OrderedIndex;
  prefix: Array<string | number>;
  low?: Bound | undefined;
  high?: Bound | undefined;
  reverse: boolean;
  ordered: number;
  /** The direction of a trailing `_id` in the sort, which orders ties. */
  idDirection: 1 | -1 | undefined;
  /** What is left of the filter once the walk's bounds hold: entries in them match the equalities and the bounds used. */
  residual: Filter;
}

const isPlain = (value: unknown): value is string | number => typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value));
const isOperators = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value a filter condition asks equality with, when it is a plain string or number. */
function equalityOperand(condition: unknown): string | number | undefined {
  if (isPlain(condition)) return condition;
  if (isOperators(condition) && Object.keys(condition).length === 1 && isPlain(condition['$eq'])) return condition['$eq'];
  return undefined;
}

/** The bounds a condition's `$gt`, `$gte`, `$lt`, `$lte` with plain operands put on a field (one each way), and whether they are all of it. */
function rangeOf(condition: unknown): { low?: Bound; high?: Bound; whole: boolean } {
  if (!isOperators(condition)) return { whole: false };
  const used: string[] = [];
  const bound = (operator: string): Bound | undefined => {
    if (!isPlain(condition[operator])) return undefined;
    used.push(operator);
    return { value: condition[operator], inclusive: operator.endsWith('e') };
  };
  const low = bound('$gte') ?? bound('$gt');
  const high = bound('$lte') ?? bound('$lt');
  return { ...(low ? { low } : {}), ...(high ? { high } : {}), whole: used.length > 0 && Object.keys(condition).length === used.length };
}

/**
 * How `index` serves `filter` sorted by `sort`: equality on its leading
 * fields, then sort fields in its order (or all reversed), then at most
 * `_id`. With no sort (a count), equality or a range on its leading fields.
 */
function fit(index: OrderedIndex, filter: Filter, sort: Array<[string, number]>): Fit | undefined {
  if (!index.regular || (index.partial && !index.partial.impliedBy(filter))) return undefined;
  const { fields, directions } = index;
  const prefix: Array<string | number> = [];
  for (let value = equalityOperand(filter[fields[0]!]); value !== undefined && prefix.length < fields.length; value = equalityOperand(filter[fields[prefix.length]!])) prefix.push(value);
  // Sorting on a field every result holds the same value of changes nothing.
  const wanted = sort.filter(([field]) => !fields.slice(0, prefix.length).includes(field));
  let ordered = 0;
  let reverse = false;
  for (const [field, direction] of wanted) {
    const at = prefix.length + ordered;
    if (at === fields.length || field !== fields[at] || (direction !== 1 && direction !== -1)) break;
    if (ordered > 0 && reverse !== (direction !== directions[at])) break;
    reverse = direction !== directions[at];
    ordered += 1;
  }
  const rest = wanted.slice(ordered);
  const [tie] = rest;
  if (sort.length > 0 && (ordered === 0 || rest.length > 1 || (tie && (tie[0] !== '_id' || (tie[1] !== 1 && tie[1] !== -1))))) return undefined;
  const { whole, ...range } = prefix.length < fields.length ? rangeOf(filter[fields[prefix.length]!]) : { whole: false };
  if (sort.length === 0 && prefix.length === 0 && !range.low && !range.high) return undefined;
  // The index holds only missing, null, numbers and strings here, so an entry within the bounds is equal to each fixed value and within each bound used.
  const bounded = new Set(fields.slice(0, prefix.length + (whole ? 1 : 0)));
  // A partial index holds only documents meeting its filter, which the query asks the same of: those conditions hold for every entry.
  if (index.partial) for (const field of Object.keys(filter)) if (index.partial.fixes(field)) bounded.add(field);
  const residual = Object.fromEntries(Object.entries(filter).filter(([field]) => !bounded.has(field)));
  return { index, prefix, ...range, reverse, ordered, idDirection: tie?.[1] as 1 | -1 | undefined, residual };
}

const score = (fitted: Fit) => fitted.prefix.length * 4 + (fitted.low || fitted.high ? 2 : 0) + Math.min(fitted.ordered, 1);

function bestFit(indexes: Iterable<OrderedIndex>, filter: Filter, sort: Array<[string, number]>): Fit | undefined {
  let best: Fit | undefined;
  for (const index of indexes) {
    const fitted = fit(index, filter, sort);
    if (fitted && (!best || score(fitted) > score(best))) best = fitted;
  }
  return best;
}

/** The test of what the walk's bounds leave of a filter. */
function residualTest({ residual }: Fit): (doc: Doc) => boolean {
  if (Object.keys(residual).length === 0) return () => true;
  return simpleMatcher(residual) ?? ((query: Query) => (doc: Doc) => query.test(doc))(new Query(residual));
}

/** The seek keys before the first and after the last entry a fit walks (in index order). */
function seekKeys({ index, prefix, low, high }: Fit): { from: IndexKey; to: IndexKey } {
  // One end of the range: a bound (before or after its value's entries), else the edge of the other bound's type, else the edge of the prefix.
  const end = (bound: Bound | undefined, other: Bound | undefined, valueSide: -1 | 1, indexSide: -1 | 1): unknown[] => {
    if (bound) return [bound.value, new KeyEdge(bound.inclusive ? indexSide : (-indexSide as -1 | 1))];
    if (other) return [new KeyEdge(valueSide, bsonRank(other.value))];
    return [new KeyEdge(indexSide)];
  };
  const ascending = index.directions[prefix.length] === 1;
  const first = ascending ? end(low, high, -1, -1) : end(high, low, 1, -1);
  const last = ascending ? end(high, low, 1, 1) : end(low, high, -1, 1);
  return { from: [...prefix, ...first], to: [...prefix, ...last] };
}

/** Whether two keys hold the same values at positions `from` to `to` (excluded): the sorted fields, whose ties form a run. */
function sameValues(a: IndexKey, b: IndexKey, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const x = a[i];
    const y = b[i];
    if (x !== y && (typeof x === 'string' || compareBson(x, y) !== 0)) return false;
  }
  return true;
}

/** A key's `_id` (its last value). */
const idOf = (key: IndexKey): string => key[key.length - 1] as string;

/**
 * The entries of a sorted page served by an ordered index, or undefined when none serves the
 * query (or the walk would cost more than `budget` entries): the caller then
 * scans and sorts as before. An index serves it when its leading fields are
 * fixed by equality with plain values, the sort follows the next fields in
 * the index's order or all reversed (a trailing `_id` may break ties), and its
 * fields hold only missing, null, numbers and strings. A range (`$gt`, `$gte`,
 * `$lt`, `$lte`) on the first sorted field bounds the walk, which stops at
 * `skip + limit` matches. Results equal the scan's exactly: entries that tie
 * on the sorted fields are ordered by `_id` if sorted by it, else in the
 * collection's insertion order (`sequenceOf`), as the scan's stable sort does.
 */
export function orderedFind(
  indexes: Iterable<OrderedIndex>,
  filter: Filter,
  options: { sort: Sort; skip?: number | undefined; limit?: number | undefined },
  context: { sequenceOf: (id: string) => number; budget: () => number },
): OrderedHit[] | undefined {
  const sort = Object.entries(options.sort);
  const best = sort.length > 0 ? bestFit(indexes, filter, sort) : undefined;
  if (!best) return undefined;
  // With nothing left of the filter, the keys alone say what matches: only the page's documents are read.
  const test = Object.keys(best.residual).length > 0 ? residualTest(best) : undefined;
  const { idDirection } = best;
  // The walk meets the ties of a run by `_id` in the key's order (reversed with the walk): when the sort asks that order, runs need no sorting.
  const tieOrder =
    idDirection === (best.reverse ? -1 : 1)
      ? undefined
      : idDirection
        ? (a: Hit, b: Hit) => (a.id < b.id ? -idDirection : a.id > b.id ? idDirection : 0)
        : (a: Hit, b: Hit) => context.sequenceOf(a.id) - context.sequenceOf(b.id);
  const skip = options.skip ?? 0;
  const wanted = options.limit ? skip + options.limit : Infinity;
  const sortedFrom = best.prefix.length;
  const sortedTo = sortedFrom + best.ordered;
  const found: Hit[] = [];
  const run: Hit[] = [];
  let runHead: IndexKey | undefined;
  const flush = () => {
    if (run.length > 1 && tieOrder) run.sort(tieOrder);
    for (const hit of run) found.push(hit);
    run.length = 0;
  };
  let budget = context.budget();
  let overBudget = false;
  const { from, to } = seekKeys(best);
  best.index.forKeys(from, to, best.reverse, (key) => {
    if (budget-- <= 0) {
      overBudget = true;
      return false;
    }
    // Runs are sorted when their ties are not in order already; else each entry stands alone, and the walk stops as soon as the page is full.
    if (!runHead || !tieOrder || !sameValues(runHead, key, sortedFrom, sortedTo)) {
      flush();
      if (found.length >= wanted) return false;
      runHead = key;
    }
    const id = idOf(key);
    const doc = test ? best.index.document(id) : undefined;
    if (!test || (doc && test(doc))) run.push({ id, doc });
    return tieOrder !== undefined || found.length + run.length < wanted;
  });
  if (overBudget) return undefined;
  flush();
  return found.slice(skip, wanted);
}

/**
 * How many documents match a filter, counted on an ordered index whose
 * leading fields it fixes by equality or bounds by a range (see
 * `orderedFind`); undefined when none does, or past `budget` entries.
 */
export function orderedCount(indexes: Iterable<OrderedIndex>, filter: Filter, context: { budget: () => number }): number | undefined {
  const best = bestFit(indexes, filter, []);
  if (!best) return undefined;
  const test = Object.keys(best.residual).length > 0 ? residualTest(best) : undefined;
  let budget = context.budget();
  let count = 0;
  const { from, to } = seekKeys(best);
  let overBudget = false;
  best.index.forKeys(from, to, false, (key) => {
    if (budget-- <= 0) {
      overBudget = true;
      return false;
    }
    // With nothing left of the filter, every key in the bounds counts: no document is read.
    if (!test) count += 1;
    else {
      const doc = best.index.document(idOf(key));
      if (doc && test(doc)) count += 1;
    }
    return true;
  });
  if (overBudget) return undefined;
  return count;
}
