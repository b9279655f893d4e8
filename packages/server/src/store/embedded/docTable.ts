import type { Doc } from '../collection.js';
import { freezeLoaded } from './frozenValue.js';

/**
 * Where a collection keeps its documents, by id, in insertion order (a
 * replaced version keeps its place). Two layouts share this shape:
 * `ObjectTable` holds live, frozen objects (collections read often: customers,
 * claims); `PackedTable` holds each document as its JSON bytes and parses it
 * when read (append-only collections: audit, decisions, events), a fraction of
 * the memory of the same objects.
 */
export interface DocTable {
  readonly size: number;
  has(id: string): boolean;
  /** The document; from a packed table a fresh object on every call. */
  get(id: string): Doc | undefined;
  /** The document as JSON text; from a packed table its stored text, unparsed. */
  json(id: string): string | undefined;
  /** Stores a document; `json` is its serialisation when the caller has it already. */
  set(doc: Doc, json?: string): void;
  /** Stores a document parsed from the data folder (values not yet frozen), with its JSON as read, packed, when read from a file. */
  load(doc: Doc, packed?: PackedDocument): void;
  delete(id: string): void;
  ids(): IterableIterator<string>;
  values(): IterableIterator<Doc>;
  /** What a checkpoint writes: the stored values as they are now (never changed afterwards, so safe to write while the table moves on). */
  capture(): ReadonlyArray<Doc | PackedDocument>;
  /** Puts the documents back in the order `rank` gives (after documents removed by a failed group were put back: a rare, whole-table step). */
  reorder(rank: (id: string) => number): void;
}

/** The entries of a map, in the order `rank` gives their keys. */
function reordered<V>(map: Map<string, V>, rank: (id: string) => number): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => rank(a) - rank(b)));
}

/** A packed document: its UTF-8 JSON bytes, one per character of a `latin1` string. */
export type PackedDocument = string;

/** Whether a string holds a character past ASCII (where UTF-8 and `latin1` part ways): its UTF-8 is then longer than it. Counted natively, several times faster than a regular expression's search. */
const beyondAscii = (text: string): boolean => Buffer.byteLength(text, 'utf8') !== text.length;

/** The bytes of a packed document. */
export const packedBytes = (packed: PackedDocument): Buffer => Buffer.from(packed, 'latin1');

/** A packed document's JSON text (ASCII, the commonest, is its own UTF-8: the packed string itself). */
const unpackedText = (packed: PackedDocument): string => (beyondAscii(packed) ? packedBytes(packed).toString('utf8') : packed);

/** A packed document, parsed. */
export const unpack = (packed: PackedDocument): Doc => JSON.parse(unpackedText(packed)) as Doc;

/** A document's JSON, packed. */
const pack = (json: string): PackedDocument => (beyondAscii(json) ? Buffer.from(json, 'utf8').toString('latin1') : json);

/** Documents as frozen objects, shared with readers without copying. */
export class ObjectTable implements DocTable {
  private docs = new Map<string, Doc>();

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  get(id: string): Doc | undefined {
    return this.docs.get(id);
  }

  json(id: string): string | undefined {
    const doc = this.docs.get(id);
    return doc === undefined ? undefined : JSON.stringify(doc);
  }

  set(doc: Doc): void {
    this.docs.set(doc._id, doc);
  }

  load(doc: Doc): void {
    this.docs.set(doc._id, freezeLoaded(doc));
  }

  delete(id: string): void {
    this.docs.delete(id);
  }

  ids(): IterableIterator<string> {
    return this.docs.keys();
  }

  values(): IterableIterator<Doc> {
    return this.docs.values();
  }

  capture(): Doc[] {
    return [...this.docs.values()];
  }

  reorder(rank: (id: string) => number): void {
    this.docs = reordered(this.docs, rank);
  }
}

/**
 * Documents as their UTF-8 JSON bytes, parsed on every read. The bytes are
 * kept in a one-byte string (each character one byte: `latin1`), which V8
 * holds on its own heap at a byte a byte. Buffers would be as small, but
 * they live outside the heap, and every 64 MB allocated there makes V8 run a
 * full collection of the whole heap: loading a store of a million customers
 * spent most of its time in those.
 */
export class PackedTable implements DocTable {
  private docs = new Map<string, string>();

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  get(id: string): Doc | undefined {
    const packed = this.docs.get(id);
    return packed === undefined ? undefined : unpack(packed);
  }

  json(id: string): string | undefined {
    const packed = this.docs.get(id);
    return packed === undefined ? undefined : unpackedText(packed);
  }

  set(doc: Doc, json?: string): void {
    this.docs.set(doc._id, pack(json ?? JSON.stringify(doc)));
  }

  load(doc: Doc, packed?: PackedDocument): void {
    this.docs.set(doc._id, packed ?? pack(JSON.stringify(doc)));
  }

  delete(id: string): void {
    this.docs.delete(id);
  }

  ids(): IterableIterator<string> {
    return this.docs.keys();
  }

  *values(): IterableIterator<Doc> {
    for (const packed of this.docs.values()) yield unpack(packed);
  }

  capture(): PackedDocument[] {
    return [...this.docs.values()];
  }

  reorder(rank: (id: string) => number): void {
    this.docs = reordered(this.docs, rank);
  }
}
