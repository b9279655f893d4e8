import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { DomainError } from '../domainError.js';
import { InflateBudget } from './inflateBudget.js';
import { unpackedTooLarge, unreadable } from './importLimits.js';

/** Most entries a workbook's zip may list (an XLSX has a few dozen). */
const MAX_ENTRIES = 10_000;

/**
 * A zip file read through its central directory (yauzl): entries are found by
 * name and only those asked for are inflated. Before an entry is opened, the
 * sizes the directory declares for everything read so far must fit the limit;
 * while it streams, the bytes actually inflated are counted against the same
 * limit (yauzl also fails an entry that inflates past its declared size).
 */
export class ZipArchive {
  private declared = 0;
  private readonly reserved = new Set<string>();

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly budget: InflateBudget,
  ) {}

  /** Opens a zip and reads its directory; nothing is inflated. 422 when it is not a zip. */
  static async open(path: string, maxUnpackedBytes: number): Promise<ZipArchive> {
    let zip: ZipFile;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
    } catch (error) {
      throw unreadable('xlsx', `not a zip archive (${(error as Error).message})`);
    }
    try {
      if (zip.entryCount > MAX_ENTRIES) throw unreadable('xlsx', `its zip lists ${zip.entryCount} entries, more than ${MAX_ENTRIES}`);
      const entries = new Map<string, Entry>();
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
      return new ZipArchive(zip, entries, new InflateBudget(maxUnpackedBytes));
    } catch (error) {
      zip.close();
      throw error instanceof DomainError ? error : unreadable('xlsx', `a damaged zip directory (${(error as Error).message})`);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The unpacked size the directory declares for an entry (0 when there is none). */
  declaredSize(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0;
  }

  /**
   * Counts the declared unpacked sizes of entries about to be read; 413
   * `unpacked-too-large` when, with those already counted, they pass the limit.
   */
  reserve(names: readonly string[]): void {
    for (const name of names) {
      const entry = this.entries.get(name);
      if (!entry || this.reserved.has(name)) continue;
      this.reserved.add(name);
      this.declared += entry.uncompressedSize;
    }
    if (this.declared > this.budget.limit) throw unpackedTooLarge(this.budget.limit, `declares ${this.declared} bytes unpacked`);
  }

  /** The inflated bytes of an entry, metered (see the class); the entry is reserved first. */
  async read(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw unreadable('xlsx', `it has no ${name}`);
    this.reserve([name]);
    let source: Readable;
    try {
      source = await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw unreadable('xlsx', `${name} cannot be opened (${(error as Error).message})`);
    }
    const meter = this.budget.meter();
    source.on('error', (error: Error) => meter.destroy(this.explain(name, error)));
    // Stopping the meter (an error, or a reader that stops early) stops the inflater and the file read.
    meter.on('close', () => source.destroy());
    source.pipe(meter);
    return meter;
  }

  close(): void {
    this.zip.close();
  }

  private explain(name: string, error: Error): DomainError {
    if (/too many bytes/.test(error.message)) return unpackedTooLarge(this.budget.limit, `has an entry (${name}) that unpacks to more than its zip directory says`);
    return unreadable('xlsx', `${name} is damaged (${error.message})`);
  }
}
