/**
 * Why domain code refused: the closed set of codes it throws with. Each is
 * mapped to an API error code in one place (`http/errorHandler.ts`), so a
 * code added here does not compile until it is mapped.
 */
export const DOMAIN_ERROR_CODES = [
  'not-found',
  'forbidden',
  'conflict',
  'duplicate',
  'own-claim',
  'last-admin',
  'not-eligible',
  'invalid',
  'tests-failed',
  'too-many-rows',
  'unpacked-too-large',
  'provider-unavailable',
  'busy',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * An exceptional refusal by domain code (an expected outcome is returned, not
 * thrown): a code, a message a person can read, and read-only extra fields the
 * API sends beside them (`details` as field problems, ids such as `scanId`,
 * `limit`). The domain knows nothing of HTTP; the error middleware maps it.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
