import { ApiError } from '../http/apiError.js';
import { pageOf } from '../http/paging.js';
import { defineRoute } from '../http/route.js';
import { claimScope } from '../domain/claims/claimsService.js';
import type { DuplicateSettings } from '../domain/duplicates/matchCompanies.js';
import type { Services } from '../services.js';

export function duplicateRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/settings/duplicates',
      summary: 'The thresholds of duplicate detection',
      access: ['admin', 'manager'],
      async handler() {
        return { body: await services.duplicates.settings() };
      },
    }),
    defineRoute<DuplicateSettings>({
      method: 'put',
      path: '/api/settings/duplicates',
      summary: 'Set the thresholds: at or above high a duplicate (409), between low and high flagged for review',
      access: ['admin'],
      body: {
        type: 'object',
        required: ['high', 'low', 'branchesAreDuplicates'],
        properties: { high: { type: 'number', minimum: 0, maximum: 1 }, low: { type: 'number', minimum: 0, maximum: 1 }, branchesAreDuplicates: { type: 'boolean' } },
      },
      async handler({ body, principal }) {
        if (body.low > body.high) throw new ApiError('invalid', 'low must not be above high', { details: [{ path: '/low', message: 'above high' }] });
        const saved = await services.duplicates.saveSettings(body);
        await services.audit.record({ actor: principal, action: 'settings.duplicates', subject: 'duplicates', data: { ...saved } });
        return { body: saved };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/duplicate-reviews',
      summary: 'Registrations accepted but flagged as resembling another customer',
      access: ['admin', 'manager'],
      async handler({ principal }) {
        const claims = await services.claims.claims.find({ ...claimScope(principal), review: { $exists: true }, 'review.resolved': { $ne: true } }, { sort: { grantedAt: -1 }, limit: 500 });
        return { body: { reviews: claims.map((c) => ({ claimId: c._id, customerId: c.customerId, customerName: c.customerName, repName: c.repName, teamName: c.teamName, grantedAt: c.grantedAt, matches: c.review?.matches ?? [] })) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/duplicates/scan',
      summary: 'Start a re-scan of every stored customer for duplicates already in the data (a background job; 409 while one runs)',
      access: ['admin'],
      async handler({ principal }) {
        return { status: 202, body: await services.duplicateScan.start(principal) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/duplicates/scans',
      summary: 'Scans, newest first, with their progress',
      access: ['admin'],
      query: ['limit', 'skip'],
      async handler({ query }) {
        const { limit, skip } = pageOf(query, 50);
        return { body: { scans: await services.duplicateScan.list(limit, skip) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/duplicates/scans/:id',
      summary: 'A scan’s progress and its suspected pairs, best first',
      access: ['admin'],
      query: ['limit', 'skip'],
      async handler({ params, query }) {
        const { limit, skip } = pageOf(query, 500);
        return { body: await services.duplicateScan.report(params['id']!, limit, skip) };
      },
    }),
    defineRoute<{ a: string; b: string; action: 'merge' | 'distinct' }>({
      method: 'post',
      path: '/api/duplicates/resolve',
      summary: 'Resolve a suspected pair: merge b into a, or mark them distinct for good',
      access: ['admin'],
      body: {
        type: 'object',
        required: ['a', 'b', 'action'],
        properties: { a: { type: 'string', minLength: 1, maxLength: 64 }, b: { type: 'string', minLength: 1, maxLength: 64 }, action: { enum: ['merge', 'distinct'] } },
      },
      async handler({ body, principal }) {
        if (body.action === 'merge') await services.duplicateScan.merge(principal, body.a, body.b);
        else await services.duplicateScan.markDistinct(principal, body.a, body.b);
        return { body: { resolved: body.action } };
      },
    }),
  ];
}
