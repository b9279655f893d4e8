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
  /** Stores a document; `json` is its serialisation when the caller has it already. */
  set(doc: Doc, json?: string): void;
  /** Stores a document parsed from the data folder (values not yet frozen), with its JSON bytes when read from a file. */
  load(doc: Doc, bytes?: Buffer): void;
  delete(id: string): void;
  ids(): IterableIterator<string>;
  values(): IterableIterator<Doc>;
  /** What a checkpoint writes: the stored values as they are now (never changed afterwards, so safe to write while the table moves on). */
  capture(): ReadonlyArray<Doc | Buffer>;
}

/** Documents as frozen objects, shared with readers without copying. */
export class ObjectTable implements DocTable {
  private readonly docs = new Map<string, Doc>();

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  get(id: string): Doc | undefined {
    return this.docs.get(id);
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
}

/** Bytes of each arena the packed documents are copied into. */
const ARENA = 1024 * 1024;

/**
 * Documents as UTF-8 JSON bytes, parsed on every read. The bytes are copied
 * into arenas of 1 MB this table owns: small buffers from Node's shared pool
 * would keep alive the pool's whole 8 KB slabs, which also carved out the
 * short-lived buffers of the log, several times the documents' own size.
 * Replaced versions leave holes, compacted once they are half the arenas.
 */
export class PackedTable implements DocTable {
  private docs = new Map<string, Buffer>();
  private arena = Buffer.allocUnsafeSlow(ARENA);
  private used = 0;
  private live = 0;
  private allocated = 0;

  /** A copy of `bytes` in an arena. */
  private keep(bytes: Buffer): Buffer {
    if (bytes.length > ARENA / 4) {
      this.allocated += bytes.length;
      return Buffer.from(bytes);
    }
    if (this.used + bytes.length > ARENA) {
      this.arena = Buffer.allocUnsafeSlow(ARENA);
      this.used = 0;
    }
    const kept = this.arena.subarray(this.used, this.used + bytes.length);
    bytes.copy(kept);
    this.used += bytes.length;
    this.allocated += bytes.length;
    return kept;
  }

  private store(id: string, bytes: Buffer): void {
    const previous = this.docs.get(id);
    if (previous) this.live -= previous.length;
    this.docs.set(id, this.keep(bytes));
    this.live += bytes.length;
    if (this.allocated > 8 * ARENA && this.live < this.allocated / 2) this.compact();
  }

  /** Copies the live documents into fresh arenas, leaving the holes behind. */
  private compact(): void {
    const docs = this.docs;
    this.docs = new Map();
    this.arena = Buffer.allocUnsafeSlow(ARENA);
    this.used = 0;
    this.allocated = 0;
    for (const [id, bytes] of docs) this.docs.set(id, this.keep(bytes));
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  get(id: string): Doc | undefined {
    const bytes = this.docs.get(id);
    return bytes ? (JSON.parse(bytes.toString('utf8')) as Doc) : undefined;
  }

  set(doc: Doc, json?: string): void {
    this.store(doc._id, Buffer.from(json ?? JSON.stringify(doc), 'utf8'));
  }

  load(doc: Doc, bytes?: Buffer): void {
    this.store(doc._id, bytes ?? Buffer.from(JSON.stringify(doc), 'utf8'));
  }

  delete(id: string): void {
    const previous = this.docs.get(id);
    if (previous) this.live -= previous.length;
    this.docs.delete(id);
  }

  ids(): IterableIterator<string> {
    return this.docs.keys();
  }

  *values(): IterableIterator<Doc> {
    for (const bytes of this.docs.values()) yield JSON.parse(bytes.toString('utf8')) as Doc;
  }

  capture(): Buffer[] {
    return [...this.docs.values()];
  }
}
