import { Transform } from 'node:stream';
import { unpackedTooLarge } from './importLimits.js';

/**
 * Bytes actually inflated from one archive, across every entry read, against
 * one limit. A zip's sizes are only what its writer claims: this counts what
 * comes out of the inflater and stops the stream once the total passes the limit.
 */
export class InflateBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Bytes counted so far. */
  get inflated(): number {
    return this.used;
  }

  /** A pass-through stream that counts its bytes into this budget and fails with 413 `unpacked-too-large` past it. */
  meter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.used += chunk.length;
        if (this.used > this.limit) done(unpackedTooLarge(this.limit));
        else done(null, chunk);
      },
    });
  }
}
