/**
 * Compares what a docs block printed with the output the page shows under it.
 *
 * The convention for values that differ at every run (ids, tokens, dates, timings):
 * - `…` inside a line stands for any text on that line (`{"_id":"…","status":"pending"}`);
 * - a line holding only `…` (indentation allowed) stands for any number of whole lines, none included.
 * Everything else must be equal, line for line; trailing spaces and final newlines are ignored.
 */
export function matchOutput(expected: string, actual: string): boolean {
  return outputPattern(expected).test(tidy(actual));
}

const ELLIPSIS = '…';

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regular expression an expected output stands for. */
export function outputPattern(expected: string): RegExp {
  const lines = tidy(expected).split('\n');
  let source = '';
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    if (line.trim() === ELLIPSIS) {
      // Any whole lines: consumed with their newlines; at the end, whatever follows the line before.
      if (!last) source += '(?:[^\\n]*\\n)*?';
      else source = source === '' ? '[\\s\\S]*' : `${source.replace(/\\n$/, '')}(?:\\n[\\s\\S]*)?`;
      return;
    }
    source += line.split(ELLIPSIS).map(escape).join('[^\\n]*?') + (last ? '' : '\\n');
  });
  return new RegExp(`^${source}$`);
}
