import { Query } from 'mingo';
import type { Doc, IndexSpec } from '../collection.js';
import { StoreError } from '../storeError.js';
import { simpleMatcher } from './simpleFilter.js';

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * A unique index as MongoDB enforces it: a missing field counts as null; an
 * array field indexes each element (multikey); a partial index covers only
 * documents that match its filter.
 */
export class UniqueIndex {
  private readonly owners = new Map<string, string>();
  private readonly partial: ((doc: Doc) => boolean) | undefined;
  private readonly fields: string[];

  constructor(readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys);
    const filter = spec.partialFilterExpression;
    this.partial = filter ? (simpleMatcher(filter) ?? ((query: Query) => (doc: Doc) => query.test(doc))(new Query(filter))) : undefined;
  }

  /** The index keys of a document (none when the partial filter excludes it). */
  keysOf(doc: Doc | undefined): string[] {
    if (!doc || (this.partial && !this.partial(doc))) return [];
    const values = this.fields.map((field) => valueAt(doc, field) ?? null);
    if (values.length === 1 && Array.isArray(values[0])) {
      const elements = values[0] as unknown[];
      return [...new Set((elements.length === 0 ? [null] : elements).map((v) => JSON.stringify([v ?? null])))];
    }
    return [JSON.stringify(values)];
  }

  /** Throws `duplicate-key` if `next` would take a key another document holds, or one `claimed` by another document of the same change. */
  check(previous: Doc | undefined, next: Doc | undefined, claimed?: Map<string, string>): void {
    if (!next) return;
    const released = previous ? this.keysOf(previous) : [];
    for (const key of this.keysOf(next)) {
      const owner = claimed?.get(key) ?? (released.includes(key) ? undefined : this.owners.get(key));
      if (owner !== undefined && owner !== next._id) {
        throw new StoreError('duplicate-key', `E11000 duplicate key error: index ${this.spec.name} dup key ${key}`, {
          index: this.spec.name,
          key: JSON.parse(key),
        });
      }
      claimed?.set(key, next._id);
    }
  }

  /** Moves the keys of a document from its previous version to its next. */
  record(previous: Doc | undefined, next: Doc | undefined): void {
    for (const key of this.keysOf(previous)) if (this.owners.get(key) === previous!._id) this.owners.delete(key);
    for (const key of this.keysOf(next)) this.owners.set(key, next!._id);
  }
}
