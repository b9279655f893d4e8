import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES, DomainError } from '../../src/domain/domainError.js';
import { API_ERRORS, ApiError } from '../../src/http/apiError.js';
import { toApiError } from '../../src/http/errorHandler.js';

// The domain's errors reach the wire as they did when the domain threw ApiError: same code, message and fields.
describe('toApiError', () => {
  it.each(DOMAIN_ERROR_CODES)('answers the domain code %s with the same API code and its fields', (code) => {
    const details = [{ path: '/customer/companyName', message: 'is taken' }];
    const answered = toApiError(new DomainError(code, `refused: ${code}`, { details, scanId: 's1' }));
    expect(answered).toBeInstanceOf(ApiError);
    expect({ code: answered.code, status: answered.status, message: answered.message, extra: answered.extra }).toEqual({
      code,
      status: API_ERRORS[code],
      message: `refused: ${code}`,
      extra: { details, scanId: 's1' },
    });
  });

  it('answers what it does not know with a logged 500', () => {
    expect(toApiError(new Error('boom')).code).toBe('internal');
  });
});
