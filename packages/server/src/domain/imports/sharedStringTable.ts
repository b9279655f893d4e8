/**
 * A workbook's shared strings, packed: their UTF-8 bytes end to end in one
 * buffer and where each ends in another, rather than one JavaScript string
 * per entry (tens of bytes of overhead each, whatever their length). A
 * string's decoded text is never longer in UTF-8 than its XML, so the table
 * takes at most the size of the shared strings part (`partBytes`) plus eight
 * bytes a string.
 */
export class SharedStringTable {
  private bytes: Buffer;
  private ends = new Uint32Array(1024);
  private used = 0;
  private count = 0;

  constructor(private readonly partBytes: number) {
    this.bytes = Buffer.alloc(Math.min(64 * 1024, partBytes));
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held: the buffers as allocated. */
  get footprint(): number {
    return this.bytes.length + this.ends.byteLength;
  }

  add(text: string): void {
    const length = Buffer.byteLength(text);
    if (this.used + length > this.bytes.length) {
      const needed = this.used + length;
      const grown = Buffer.alloc(Math.max(needed, Math.min(this.bytes.length * 2, this.partBytes)));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used);
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  /** The string at `index`, or undefined past the end. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    return this.bytes.toString('utf8', start, this.ends[index]!);
  }
}
