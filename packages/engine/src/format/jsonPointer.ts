/** Builds a JSON Pointer (RFC 6901) from path segments. */
export function jsonPointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
