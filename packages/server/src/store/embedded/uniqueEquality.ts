import type { Doc } from '../collection.js';
import type { EqualityIndex, Scalar } from './secondaryIndex.js';
import type { UniqueIndex } from './uniqueIndex.js';

/**
 * Equality on a field read from the field's unique index (a full one of that
 * field alone), which already maps each value to the one document holding
 * it: no second map of the same values is built. The identity keys of a
 * million customers, and the event feed's sequence, were each held twice,
 * and building the second map took a twentieth of opening the folder.
 */
export class UniqueEquality implements EqualityIndex {
  readonly field: string;
  readonly partial = undefined;
  /** Not exact: a unique index keys a Date by its ISO text (as the data folder keeps it), which equality with that text does not match until a restart. */
  readonly exact = false;

  constructor(private readonly unique: UniqueIndex) {
    this.field = Object.keys(unique.spec.keys)[0]!;
  }

  serves(): boolean {
    return true;
  }

  /** The unique index records its own entries. */
  record(_previous: Doc | undefined, _next: Doc | undefined): void {}

  estimate(values: readonly Scalar[]): number {
    let total = 0;
    for (const value of values) if (this.unique.idOf(value) !== undefined) total += 1;
    return total;
  }

  iterate(values: readonly Scalar[]): Iterable<string> {
    const ids = new Set<string>();
    for (const value of values) {
      const id = this.unique.idOf(value);
      if (id !== undefined) ids.add(id);
    }
    return ids;
  }
}
