import { closeSync, openSync, readSync } from 'node:fs';

const CHUNK = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * One line of a file: its bytes, `buffer` from `start` to `end` (without the
 * newline), its number from 1, and whether the file ended without a newline
 * after it. Read the bytes in place (`buffer.toString(encoding, start, end)`):
 * a view of every line was a Buffer object per document at start-up.
 */
export interface Line {
  buffer: Buffer;
  start: number;
  end: number;
  number: number;
  unterminated: boolean;
}

/**
 * The lines of a file, read a chunk at a time: memory holds one chunk and the
 * line being assembled, never the whole file, so a file of any size can be
 * read (a JavaScript string cannot pass 512 MB). A yielded line, the same
 * object each time, is only valid until the next one is asked for.
 */
export function* readLines(path: string): Generator<Line> {
  const fd = openSync(path, 'r');
  try {
    // The start of a line that runs past the chunk, in pieces joined once the line ends.
    let carry: Buffer[] = [];
    const chunk = Buffer.allocUnsafe(CHUNK);
    const line: Line = { buffer: chunk, start: 0, end: 0, number: 0, unterminated: false };
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) break;
      const data = chunk.subarray(0, read);
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        line.number += 1;
        if (carry.length > 0) {
          carry.push(data.subarray(start, end));
          line.buffer = Buffer.concat(carry);
          line.start = 0;
          line.end = line.buffer.length;
          carry = [];
        } else {
          line.buffer = data;
          line.start = start;
          line.end = end;
        }
        yield line;
        start = end + 1;
      }
      if (start < read) carry.push(Buffer.from(data.subarray(start)));
    }
    if (carry.length > 0) {
      line.buffer = Buffer.concat(carry);
      line.start = 0;
      line.end = line.buffer.length;
      line.number += 1;
      line.unterminated = true;
      yield line;
    }
  } finally {
    closeSync(fd);
  }
}
