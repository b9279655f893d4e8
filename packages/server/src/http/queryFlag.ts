import { ApiError } from './apiError.js';

/** A query parameter that is `true` or `false` (absent: false); anything else is a 400 at `query.<name>`. */
export function queryFlag(query: Record<string, string | undefined>, name: string): boolean {
  const value = query[name];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new ApiError('bad-request', `${name} must be true or false`, { details: [{ path: `query.${name}`, message: 'true or false' }] });
}
