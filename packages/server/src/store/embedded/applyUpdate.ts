import { update as applyOperators } from 'mingo';
import type { Doc, Filter, Update } from '../collection.js';
import { StoreError } from '../storeError.js';
import { deepFreeze, frozenCopy } from './frozenValue.js';

const isOperatorObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));

/** Checks that an update is made of operators only, as MongoDB's updateOne requires. */
export function assertOperatorUpdate(update: Update): void {
  const keys = Object.keys(update);
  if (keys.length === 0 || keys.some((key) => !key.startsWith('$'))) {
    throw new StoreError('invalid-operation', 'An update must consist of update operators such as $set');
  }
}

const isPlainField = (key: string): boolean => key !== '_id' && !key.includes('.') && !key.startsWith('$');

/**
 * `$set` and `$unset` of top-level fields only, the commonest update, applied
 * without mingo: a shallow copy with frozen copies of the new values. Stored
 * documents are never changed in place, so versions share unchanged parts.
 */
function plainSetUnset(doc: Doc, update: Update): Doc | undefined {
  const { $set, $unset, ...others } = update as { $set?: Record<string, unknown>; $unset?: Record<string, unknown> };
  if (Object.keys(others).length > 0) return undefined;
  const setKeys = $set ? Object.keys($set) : [];
  const unsetKeys = $unset ? Object.keys($unset) : [];
  if (![...setKeys, ...unsetKeys].every(isPlainField) || setKeys.some((key) => unsetKeys.includes(key))) return undefined;
  const next: Record<string, unknown> = { ...doc };
  for (const key of setKeys) next[key] = frozenCopy($set![key]);
  for (const key of unsetKeys) delete next[key];
  return deepFreeze(next) as Doc;
}

/** The new version of `doc` under `update`, deeply frozen; `$setOnInsert` applies only when inserting. */
export function applyUpdate(doc: Doc, update: Update, inserting: boolean): Doc {
  if (!inserting || !('$setOnInsert' in update)) {
    const plain = plainSetUnset(doc, update);
    if (plain) return plain;
  }
  const { $setOnInsert, ...operators } = update as { $setOnInsert?: Record<string, unknown> } & Update;
  const next = structuredClone(doc);
  if (Object.keys(operators).length > 0) applyOperators(next, operators as never, undefined, undefined, { cloneMode: 'deep' });
  if (inserting && $setOnInsert) applyOperators(next, { $set: $setOnInsert } as never, undefined, undefined, { cloneMode: 'deep' });
  if (next._id !== doc._id) throw new StoreError('invalid-operation', 'The _id of a document cannot change');
  return deepFreeze(next);
}

/** The document an upsert starts from: the filter's plain equality fields. */
export function seedFromFilter(filter: Filter, id: string): Doc {
  const seed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!key.startsWith('$') && !key.includes('.') && !isOperatorObject(value)) seed[key] = structuredClone(value);
  }
  return { ...seed, _id: typeof seed['_id'] === 'string' ? seed['_id'] : id } as Doc;
}
