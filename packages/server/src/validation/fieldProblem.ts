/**
 * One problem with a field of what a caller sent: where (a JSON Pointer into
 * the body, or `query.<name>`), what, and optionally a machine-readable code
 * (the JSON Schema keyword, or the rule's own, such as `too-short`).
 */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
}
