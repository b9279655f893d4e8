import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import { findMovableCustomers, MAX_SEARCH_LENGTH } from '../domain/assignment/movableCustomers.js';
import type { Services } from '../services.js';

export function customerRoutes(services: Services) {
  return [
    // Before `/api/customers/:id`, which would take "search" for an id.
    defineRoute({
      method: 'get',
      path: '/api/customers/search',
      summary: 'Held customers whose name contains `q`, among those the caller may move (an admin: all; a manager: their teams’), with region name, team and owners; `limit` 1–50 (default 20)',
      access: ['manager', 'admin'],
      query: ['q', 'limit'],
      async handler({ principal, query, language }) {
        const text = (query['q'] ?? '').trim();
        if (text.length === 0 || text.length > MAX_SEARCH_LENGTH) {
          const message = language === 'zh' ? `请输入 1–${MAX_SEARCH_LENGTH} 个字的客户名称` : `Type 1–${MAX_SEARCH_LENGTH} characters of the customer’s name`;
          throw new ApiError('bad-request', message, { details: [{ path: 'query.q', message }] });
        }
        const raw = query['limit'] ?? '20';
        if (!/^\d{1,2}$/.test(raw) || Number(raw) < 1 || Number(raw) > 50) {
          throw new ApiError('bad-request', 'limit must be a whole number from 1 to 50', { details: [{ path: 'query.limit', message: 'a whole number from 1 to 50' }] });
        }
        const limit = Number(raw);
        return { body: { customers: await findMovableCustomers(services.claims, principal, text, limit) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/customers/:id',
      summary: 'A customer and who holds it (a rep sees theirs and the pool’s, a manager their teams’ and the pool’s)',
      access: ['rep', 'manager', 'admin'],
      async handler({ principal, params }) {
        return { body: await services.customers.get(principal, params['id']!) };
      },
    }),
    defineRoute<{ customer: Record<string, unknown> }>({
      method: 'put',
      path: '/api/customers/:id',
      summary: 'Correct or rename a customer: the whole form, validated by its industry template; duplicate detection follows the new name',
      access: ['rep', 'manager', 'admin'],
      body: { type: 'object', required: ['customer'], properties: { customer: { type: 'object', additionalProperties: true } } },
      async handler({ principal, params, body, language }) {
        return { body: await services.customers.update(principal, params['id']!, body.customer, language) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/customers/:id',
      summary: 'Delete a customer nobody holds; its ended claims stay as history',
      access: ['admin'],
      async handler({ principal, params }) {
        await services.customers.delete(principal, params['id']!);
        return { status: 204, body: null };
      },
    }),
  ];
}
