/** Bilingual text: every message a person reads comes in English and Simplified Chinese. */
export interface LocalizedText {
  en: string;
  zh: string;
}

/** The closed set of error codes the engine raises. */
export type PolicyErrorCode =
  | 'invalid-rule-file'
  | 'invalid-facts'
  | 'fact-failed'
  | 'fact-invalid'
  | 'evaluation-failed'
  | 'unknown-policy';

/** One problem, located by a JSON Pointer into the document it was found in. */
export interface Issue {
  /** Machine-readable kind of problem, e.g. `fact-undeclared`. */
  code: string;
  /** JSON Pointer (RFC 6901) to the offending node; `""` is the whole document. */
  pointer: string;
  message: LocalizedText;
  /** The file the pointer refers to, when there is one. */
  file?: string;
}

/** The engine's one error type: a closed `code` and, where useful, the issues behind it. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  readonly code: PolicyErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: PolicyErrorCode, message: string, issues: readonly Issue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

/** Maps anything thrown to a PolicyError, keeping a PolicyError as it is. */
export function toPolicyError(thrown: unknown, fallback: PolicyErrorCode = 'evaluation-failed'): PolicyError {
  if (thrown instanceof PolicyError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new PolicyError(fallback, message);
}
