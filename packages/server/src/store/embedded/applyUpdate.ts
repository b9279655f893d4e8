import { update as applyOperators } from 'mingo';
import type { Doc, Filter, Update } from '../collection.js';
import { StoreError } from '../storeError.js';
import { freezeValues } from './frozenValue.js';
import { nativeUpdate } from './nativeUpdate.js';

const isOperatorObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));

/** Checks that an update is made of operators only, as MongoDB's updateOne requires. */
export function assertOperatorUpdate(update: Update): void {
  const keys = Object.keys(update);
  if (keys.length === 0 || keys.some((key) => !key.startsWith('$'))) {
    throw new StoreError('invalid-operation', 'An update must consist of update operators such as $set');
  }
}

/**
 * The new version of a stored document under `update`; `$setOnInsert` applies
 * only when inserting. `$set`, `$unset` and `$inc` of plain paths are applied
 * natively (nativeUpdate.ts); anything else by mingo on a copy. Stored
 * documents are never changed in place, and every version's values are deeply frozen.
 */
export function applyUpdate(doc: Doc, update: Update, inserting: boolean): Doc {
  const native = nativeUpdate(doc, update, inserting);
  if (native) return native;
  const { $setOnInsert, ...operators } = update as { $setOnInsert?: Record<string, unknown> } & Update;
  const next = structuredClone(doc);
  if (Object.keys(operators).length > 0) applyOperators(next, operators as never, undefined, undefined, { cloneMode: 'deep' });
  if (inserting && $setOnInsert) applyOperators(next, { $set: $setOnInsert } as never, undefined, undefined, { cloneMode: 'deep' });
  if (next._id !== doc._id) throw new StoreError('invalid-operation', 'The _id of a document cannot change');
  return freezeValues(next);
}

/** Whether a value is one JSON keeps as it is: no undefined, -0, NaN or Infinity, no Date or other object than plain ones and arrays. */
function keptByJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(keptByJson);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(keptByJson);
}

/**
 * Whether an update, logged by id and replayed on the version before, gives
 * the version it gave when applied: not when it reads the clock
 * (`$currentDate`) or holds a value the log's JSON does not keep. Such an
 * update is logged as the new version instead.
 */
export function replaysAlike(update: Update): boolean {
  return !('$currentDate' in update) && keptByJson(update);
}

/** The document an upsert starts from: the filter's plain equality fields. */
export function seedFromFilter(filter: Filter, id: string): Doc {
  const seed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!key.startsWith('$') && !key.includes('.') && !isOperatorObject(value)) seed[key] = structuredClone(value);
  }
  return { ...seed, _id: typeof seed['_id'] === 'string' ? seed['_id'] : id } as Doc;
}
