/** The store's error codes: the same on every store. */
export type StoreErrorCode = 'duplicate-key' | 'invalid-operation' | 'store-unavailable' | 'store-locked' | 'store-corrupt';

/** An error from a store, with a closed code. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For `duplicate-key`: the index that refused, and the key. */
    readonly detail: { index?: string; key?: unknown } = {},
  ) {
    super(message);
  }
}

/** True when an error is a unique-index violation, from any store. */
export function isDuplicateKey(error: unknown): error is StoreError {
  return error instanceof StoreError && error.code === 'duplicate-key';
}
