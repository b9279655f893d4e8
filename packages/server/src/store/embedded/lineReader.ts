import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** One line of a file: its bytes (without the newline), its number from 1, and whether the file ended without a newline after it. */
export interface Line {
  bytes: Buffer;
  number: number;
  unterminated: boolean;
}

/**
 * The lines of a file, read a chunk at a time: memory holds one chunk and the
 * line being assembled, never the whole file, so a file of any size can be
 * read (a JavaScript string cannot pass 512 MB). A yielded line's bytes are
 * only valid until the next one is asked for.
 */
export function* readLines(path: string): Generator<Line> {
  const fd = openSync(path, 'r');
  try {
    // The start of a line that runs past the chunk, in pieces joined once the line ends.
    let carry: Buffer[] = [];
    let number = 0;
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) break;
      const data = chunk.subarray(0, read);
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        const piece = data.subarray(start, end);
        const bytes = carry.length > 0 ? Buffer.concat([...carry, piece]) : piece;
        carry = [];
        number += 1;
        yield { bytes, number, unterminated: false };
        start = end + 1;
      }
      if (start < data.length) carry.push(Buffer.from(data.subarray(start)));
    }
    if (carry.length > 0) yield { bytes: Buffer.concat(carry), number: number + 1, unterminated: true };
  } finally {
    closeSync(fd);
  }
}
