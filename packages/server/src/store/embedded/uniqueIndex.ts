import { Query } from 'mingo';
import type { Doc, IndexSpec } from '../collection.js';
import { StoreError } from '../storeError.js';
import { simpleMatcher } from './simpleFilter.js';

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  if (!path.includes('.')) return doc[path];
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** An index key: a scalar value as itself, anything else as text (see `keyOf`). */
type Key = string | number | boolean | null;

/** Marks the text of a value that is not a scalar (and escapes a string that starts with it): no text of one kind equals the other's. */
const MARK = '\u0000';

/**
 * The key of a value. A string, a finite number or a boolean is its own key
 * (a Map tells `1` from `'1'` and `true` from `'true'`, as MongoDB does);
 * a missing value, null, NaN and ±Infinity are `null`, as JSON writes them
 * (a packed collection reads them back so). An object or array is
 * its JSON text after `MARK`; a string starting with `MARK` gets one more.
 * A Date is its ISO text, as the data folder keeps it.
 * Opening a million customers built a JSON text per document per unique
 * index before: 4 million strings, an eighth of the open.
 */
function keyOf(value: unknown): Key {
  switch (typeof value) {
    case 'string':
      return value.startsWith(MARK) ? MARK + value : value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    default:
      if (value === undefined || value === null) return null;
      // The data folder keeps a Date as JSON writes it, its ISO text (null when invalid): keyed so, it is the same key after a restart.
      if (value instanceof Date) return keyOf(value.toJSON());
      return MARK + JSON.stringify(value);
  }
}

/** The values a key stands for, as a duplicate-key error reports them (one per field). */
function valuesOf(key: Key, fields: number): unknown[] {
  if (typeof key !== 'string' || !key.startsWith(MARK)) return [key];
  const text = key.slice(MARK.length);
  if (text.startsWith(MARK)) return [text];
  const value: unknown = JSON.parse(text);
  return fields > 1 ? (value as unknown[]) : [value];
}

/**
 * A unique index as MongoDB enforces it: a missing field counts as null; an
 * array field indexes each element (multikey); a partial index covers only
 * documents that match its filter.
 */
export class UniqueIndex {
  private readonly owners = new Map<Key, string>();
  private readonly partial: ((doc: Doc) => boolean) | undefined;
  private readonly fields: string[];

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys);
    const filter = spec.partialFilterExpression;
    this.partial = filter ? (simpleMatcher(filter) ?? ((query: Query) => (doc: Doc) => query.test(doc))(new Query(filter))) : undefined;
  }

  /** Whether equality on its one field can be read from it: a full (not partial) index of one field. */
  get servesEquality(): boolean {
    return this.fields.length === 1 && !this.partial;
  }

  /** The keys of a document (none when the partial filter excludes it); one key, the commonest, without an array. */
  private keysOf(doc: Doc | undefined): Key | Key[] | undefined {
    if (!doc || (this.partial && !this.partial(doc))) return undefined;
    if (this.fields.length > 1) return MARK + JSON.stringify(this.fields.map((field) => valueAt(doc, field) ?? null));
    const value = valueAt(doc, this.fields[0]!);
    if (!Array.isArray(value)) return keyOf(value);
    if (value.length === 0) return null;
    return value.length === 1 ? keyOf(value[0]) : [...new Set(value.map(keyOf))];
  }

  /** Throws `duplicate-key` if `next` would take a key another document holds, or one `claimed` by another document of the same change. */
  check(previous: Doc | undefined, next: Doc | undefined, claimed?: Map<unknown, string>): void {
    if (!next) return;
    const released = previous ? listed(this.keysOf(previous)) : [];
    for (const key of listed(this.keysOf(next))) {
      const owner = claimed?.get(key) ?? (released.includes(key) ? undefined : this.owners.get(key));
      if (owner !== undefined && owner !== next._id) {
        const values = valuesOf(key, this.fields.length);
        throw new StoreError('duplicate-key', `E11000 duplicate key error: index ${this.spec.name} dup key ${JSON.stringify(values)}`, { index: this.spec.name, key: values });
      }
      claimed?.set(key, next._id);
    }
  }

  /** Moves the keys of a document from its previous version to its next. */
  record(previous: Doc | undefined, next: Doc | undefined): void {
    const before = previous && this.keysOf(previous);
    if (before !== undefined) for (const key of listed(before)) if (this.owners.get(key) === previous!._id) this.owners.delete(key);
    const after = next && this.keysOf(next);
    if (after !== undefined) {
      if (!Array.isArray(after)) this.owners.set(after, next!._id);
      else for (const key of after) this.owners.set(key, next!._id);
    }
  }

  /** The id holding `value` in the one field of an index that `servesEquality` (an array's element too), if any. */
  idOf(value: string | number | boolean): string | undefined {
    return this.owners.get(keyOf(value));
  }
}

/** Keys as a list. */
function listed(keys: Key | Key[] | undefined): Key[] {
  return keys === undefined ? [] : Array.isArray(keys) ? keys : [keys];
}
