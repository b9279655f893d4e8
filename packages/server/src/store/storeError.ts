/** The store's error codes: the same on every store. */
export type StoreErrorCode = 'duplicate-key' | 'write-conflict' | 'invalid-operation' | 'store-unavailable' | 'store-locked' | 'store-corrupt';

/** An error from a store, with a closed code. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For `duplicate-key`: the index that refused, and the key; for `write-conflict`, the collection and the write's position in its group. */
    readonly detail: { index?: string; key?: unknown; collection?: string; write?: number } = {},
  ) {
    super(message);
  }
}

/** True when an error is a unique-index violation, from any store. */
export function isDuplicateKey(error: unknown): error is StoreError {
  return error instanceof StoreError && error.code === 'duplicate-key';
}

/** True when an atomic group failed because a write that had to match a document matched none. */
export function isWriteConflict(error: unknown): error is StoreError {
  return error instanceof StoreError && error.code === 'write-conflict';
}
