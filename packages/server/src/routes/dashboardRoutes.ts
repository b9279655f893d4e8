import { defineRoute } from '../http/route.js';
import type { Services } from '../services.js';

export function dashboardRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/dashboard',
      summary: 'The dashboards’ figures: customers by grade, province, industry and owner; collisions and appeals per day; claims ending this week; load per rep; credit exposure by tier (managers: their teams)',
      access: ['admin', 'manager', 'finance', 'director'],
      async handler({ principal }) {
        return { body: await services.dashboard.summary(principal) };
      },
    }),
  ];
}
