import type { ErrorRequestHandler } from 'express';
import { PolicyError } from '@crm-policy/engine';
import { DomainError } from '../domain/domainError.js';
import type { DomainErrorCode } from '../domain/domainError.js';
import { StoreError } from '../store/storeError.js';
import { ApiError } from './apiError.js';
import type { ApiErrorCode } from './apiError.js';
import { bodyParserError } from './bodyParserError.js';
import type { Logger } from '../logger.js';

/** The API code of each domain code: every one mapped, or this does not compile. */
const DOMAIN_CODES = {
  'not-found': 'not-found',
  forbidden: 'forbidden',
  conflict: 'conflict',
  duplicate: 'duplicate',
  'own-claim': 'own-claim',
  'last-admin': 'last-admin',
  'not-eligible': 'not-eligible',
  invalid: 'invalid',
  'tests-failed': 'tests-failed',
  'too-many-rows': 'too-many-rows',
  'unpacked-too-large': 'unpacked-too-large',
  'provider-unavailable': 'provider-unavailable',
  busy: 'busy',
} as const satisfies Record<DomainErrorCode, ApiErrorCode>;

/** Maps anything thrown to the API's one error shape; unknown throws are logged and answered 500. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (thrown instanceof DomainError) return new ApiError(DOMAIN_CODES[thrown.code], thrown.message, { ...thrown.extra });
  const parserError = bodyParserError(thrown);
  if (parserError) return parserError;
  const status = (thrown as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiError('bad-request', (thrown as Error).message);
  if (thrown instanceof StoreError && (thrown.code === 'store-unavailable' || thrown.code === 'store-locked')) {
    return new ApiError('store-unavailable', 'The store is unavailable; try again shortly');
  }
  if (thrown instanceof StoreError && thrown.code === 'write-conflict') {
    return new ApiError('conflict', 'Someone else changed this at the same moment; nothing was saved. Reload and try again');
  }
  if (thrown instanceof PolicyError && thrown.code === 'invalid-facts') {
    return new ApiError('invalid', thrown.message, { details: thrown.issues.map((i) => ({ path: i.pointer, message: i.message.en })) });
  }
  return new ApiError('internal', 'Something went wrong on our side; it has been logged');
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (thrown, request, response, _next) => {
    const error = toApiError(thrown);
    const requestId = (request as { id?: string }).id;
    if (error.code === 'internal') logger.error('unhandled error', { requestId, method: request.method, path: request.path, error: (thrown as Error)?.stack ?? String(thrown) });
    const retryAfter = error.extra['retryAfter'];
    if (typeof retryAfter === 'number') response.setHeader('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
    // The request id lets an operator find a 500's log line.
    response.status(error.status).json({ error: { code: error.code, message: error.message, ...error.extra, ...(error.code === 'internal' && requestId ? { requestId } : {}) } });
  };
}
