import { pageOf } from '../http/paging.js';
import { queryFlag } from '../http/queryFlag.js';
import { defineRoute } from '../http/route.js';
import type { AppealVerdict } from '../domain/claims/claimDocs.js';
import type { Services } from '../services.js';
import { ApiError } from '../http/apiError.js';
import { POOL_REASONS, POOL_SORTS } from '../domain/claims/poolService.js';
import type { PoolQuery, PoolReason, PoolSort } from '../domain/claims/poolService.js';

/** The pool list's search, filters and order from a query string: each text at most 100 characters, the reason one of POOL_REASONS, the order one of POOL_SORTS. */
export function poolFilters(query: Record<string, string | undefined>): Omit<PoolQuery, 'limit' | 'skip'> {
  for (const key of ['q', 'grade', 'industry'] as const) {
    if ((query[key]?.length ?? 0) > 100) throw new ApiError('bad-request', `${key} is longer than 100 characters`, { details: [{ path: `query.${key}`, message: 'too long' }] });
  }
  const sort = query['sort'];
  if (sort !== undefined && !POOL_SORTS.includes(sort as PoolSort)) {
    throw new ApiError('bad-request', `sort must be one of ${POOL_SORTS.join(', ')}`, { details: [{ path: 'query.sort', message: 'unknown order' }] });
  }
  const reason = query['reason'];
  if (reason !== undefined && !POOL_REASONS.includes(reason as PoolReason)) {
    throw new ApiError('bad-request', `reason must be one of ${POOL_REASONS.join(', ')}`, { details: [{ path: 'query.reason', message: 'unknown reason' }] });
  }
  const text = (key: 'q' | 'grade' | 'industry') => (query[key]?.trim() ? { [key]: query[key].trim() } : {});
  return { ...text('q'), ...text('grade'), ...text('industry'), ...(reason ? { reason: reason as PoolReason } : {}), ...(sort ? { sort: sort as PoolSort } : {}) };
}

/** The pool's longest page and deepest skip. */
const MAX_LIMIT = 500;
const MAX_SKIP = 1_000_000;

/** `limit` (1–500, default 200) and `skip` (0–1,000,000) as whole numbers, or a 400 naming the parameter. */
function poolPage(query: Record<string, string | undefined>): { limit: number; skip: number } {
  for (const [name, min, max] of [['limit', 1, MAX_LIMIT], ['skip', 0, MAX_SKIP]] as const) {
    const raw = query[name];
    if (raw !== undefined && (!/^\d{1,7}$/.test(raw) || Number(raw) < min || Number(raw) > max)) {
      throw new ApiError('bad-request', `${name} must be a whole number from ${min} to ${max}`, { details: [{ path: `query.${name}`, message: `a whole number from ${min} to ${max}` }] });
    }
  }
  return pageOf(query, 200);
}

export function poolRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/pool',
      summary: 'Customers nobody holds: the public pool, with why and when each came back; searched by name, filtered by grade, industry and reason, ordered and paged',
      access: ['rep', 'manager', 'admin'],
      query: ['limit', 'skip', 'q', 'grade', 'industry', 'reason', 'sort'],
      async handler({ query }) {
        const { limit, skip } = poolPage(query);
        return { body: await services.pool.list({ ...poolFilters(query), limit, skip }) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/pool/:customerId/claim',
      summary: 'Claim a customer from the pool, through the eligibility policy',
      access: ['rep', 'manager', 'admin'],
      query: ['explain'],
      async handler({ principal, params, language, query }) {
        return services.registrations.claimFromPool(principal, params['customerId']!, language, { explain: queryFlag(query, 'explain') });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/jobs/expire-claims',
      summary: 'Return lapsed claims to the pool and send reminders now (the scheduler runs this every minute)',
      access: ['admin'],
      async handler() {
        const expired = await services.pool.expireClaims();
        return { body: { expired, reminded: await services.pool.remind() } };
      },
    }),
    defineRoute<{ collisionId: string; reason: string }>({
      method: 'post',
      path: '/api/appeals',
      summary: 'Appeal a duplicate verdict',
      access: ['rep', 'manager'],
      body: {
        type: 'object',
        required: ['collisionId', 'reason'],
        properties: { collisionId: { type: 'string', minLength: 1, maxLength: 64 }, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
      },
      async handler({ principal, body }) {
        return { status: 201, body: await services.appeals.create(principal, body.collisionId, body.reason) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/appeals',
      summary: 'Appeals the caller is party to, or decides',
      access: ['rep', 'manager', 'admin'],
      async handler({ principal }) {
        return { body: { appeals: await services.appeals.list(principal) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/appeals/:id/review',
      summary: 'Both registrations side by side (the held customer and the appellant’s submission) with the match reasons; for the holder’s manager or an admin',
      access: ['manager', 'admin'],
      async handler({ principal, params }) {
        return { body: await services.appeals.review(principal, params['id']!) };
      },
    }),
    defineRoute<{ verdict: AppealVerdict; comment: string }>({
      method: 'post',
      path: '/api/appeals/:id/decision',
      summary: 'Decide an appeal: uphold, grant the customer to the appellant, or rule them different companies',
      access: ['manager', 'admin'],
      body: {
        type: 'object',
        required: ['verdict', 'comment'],
        properties: { verdict: { enum: ['uphold', 'grant', 'different-companies'] }, comment: { type: 'string', minLength: 1, maxLength: 2000 } },
      },
      async handler({ principal, params, body }) {
        return { body: await services.appeals.decide(principal, params['id']!, body.verdict, body.comment) };
      },
    }),
  ];
}
