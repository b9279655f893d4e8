/** Every error code the API answers with; each maps to one HTTP status. */
export const API_ERRORS = {
  'bad-request': 400,
  'malformed-json': 400,
  'forbidden-key': 400,
  'too-deep': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-eligible': 403,
  'not-found': 404,
  duplicate: 409,
  conflict: 409,
  'own-claim': 409,
  'last-admin': 409,
  'payload-too-large': 413,
  'too-many-rows': 413,
  'unpacked-too-large': 413,
  'unsupported-media-type': 415,
  invalid: 422,
  'tests-failed': 422,
  'weak-password': 422,
  'rate-limited': 429,
  'too-many-attempts': 429,
  internal: 500,
  busy: 503,
  'provider-unavailable': 503,
  'store-unavailable': 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** The API's `details` entries. */
export type { FieldProblem } from '../validation/fieldProblem.js';

/**
 * An expected failure of a request, answered as `{ error: { code, message, ...extra } }`.
 * A numeric `extra.retryAfter` (seconds) is also sent as the `Retry-After` header.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get status(): number {
    return API_ERRORS[this.code];
  }
}
