import { defineRoute } from '../http/route.js';
import type { Services } from '../services.js';

export function customerRoutes(services: Services) {
  return [
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
