import { ApiError } from '../http/apiError.js';
import { pageOf } from '../http/paging.js';
import { queryFlag } from '../http/queryFlag.js';
import { defineRoute } from '../http/route.js';
import type { ClaimStatus } from '../domain/claims/claimDocs.js';
import type { RegistrationInput } from '../domain/registration/registrationService.js';
import type { Services } from '../services.js';

const CLAIM_STATUSES: ClaimStatus[] = ['active', 'expired', 'released', 'converted', 'transferred'];

export function registrationRoutes(services: Services) {
  return [
    defineRoute<RegistrationInput>({
      method: 'post',
      path: '/api/registrations',
      summary: 'Register a customer and, if eligible, claim it',
      access: ['rep', 'manager', 'admin'],
      embeddable: true,
      query: ['explain'],
      body: {
        type: 'object',
        required: ['industry', 'customer'],
        properties: {
          industry: { type: 'string', minLength: 1, maxLength: 64 },
          // The customer's fields are checked against the industry's template.
          customer: { type: 'object', additionalProperties: true },
        },
      },
      async handler({ body, principal, language, query }) {
        if (principal.teams.length === 0) throw new ApiError('forbidden', 'Only a member of a team can hold customers');
        if (principal.embed?.industry && principal.embed.industry !== body.industry) {
          throw new ApiError('forbidden', `This embed token registers ${principal.embed.industry} customers only`, { details: [{ path: '/industry', message: `must be ${principal.embed.industry}` }] });
        }
        return services.registrations.register(principal, body, language, { explain: queryFlag(query, 'explain') });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/claims',
      summary: 'Claims in the caller’s scope: a rep’s own, a manager’s teams’, all for an admin',
      access: ['rep', 'manager', 'admin'],
      query: ['status'],
      async handler({ principal, query }) {
        const status = query['status'];
        if (status !== undefined && !CLAIM_STATUSES.includes(status as ClaimStatus)) {
          throw new ApiError('bad-request', `status must be one of ${CLAIM_STATUSES.join(', ')}`, { details: [{ path: 'query.status', message: 'unknown status' }] });
        }
        return { body: { claims: await services.claims.list(principal, status as ClaimStatus | undefined) } };
      },
    }),
    defineRoute<{ reason?: string }>({
      method: 'post',
      path: '/api/claims/:id/release',
      summary: 'Give a customer up to the public pool',
      access: ['rep', 'manager', 'admin'],
      body: { type: 'object', properties: { reason: { type: 'string', maxLength: 500 } } },
      async handler({ principal, params, body }) {
        return { body: { claim: await services.claims.release(principal, params['id']!, body.reason) } };
      },
    }),
    defineRoute<{ note: string }>({
      method: 'post',
      path: '/api/claims/:id/follow-ups',
      summary: 'Log a follow-up; protection runs again from today',
      access: ['rep', 'manager', 'admin'],
      body: { type: 'object', required: ['note'], properties: { note: { type: 'string', minLength: 1, maxLength: 2000 } } },
      async handler({ principal, params, body }) {
        return { status: 201, body: { claim: await services.claims.followUp(principal, params['id']!, body.note) } };
      },
    }),
    defineRoute<{ open: boolean }>({
      method: 'post',
      path: '/api/claims/:id/deal',
      summary: 'Open or close a deal on a claim: while a deal is open the claim does not lapse',
      access: ['rep', 'manager', 'admin'],
      body: { type: 'object', required: ['open'], properties: { open: { type: 'boolean' } } },
      async handler({ principal, params, body, language }) {
        if (body.open) await services.registrations.checkLockCap(principal, await services.claims.claimInScope(principal, params['id']!), language);
        return { body: { claim: await services.claims.setDeal(principal, params['id']!, body.open) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/claims/:id/convert',
      summary: 'The contract is signed: the claim becomes converted and its owners stay',
      access: ['rep', 'manager', 'admin'],
      async handler({ principal, params }) {
        return { body: { claim: await services.claims.convert(principal, params['id']!) } };
      },
    }),
    defineRoute<{ toRepId: string; reason: string }>({
      method: 'post',
      path: '/api/claims/:id/transfer',
      summary: 'Move a claim to another rep of a team the manager manages',
      access: ['manager', 'admin'],
      body: {
        type: 'object',
        required: ['toRepId', 'reason'],
        properties: { toRepId: { type: 'string', minLength: 1, maxLength: 64 }, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
      },
      async handler({ principal, params, body }) {
        return { body: await services.transfers.transfer(principal, params['id']!, body.toRepId, body.reason) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/reminders',
      summary: 'The caller’s reminders of claims about to lapse',
      access: ['rep', 'manager', 'admin'],
      async handler({ principal }) {
        return { body: { reminders: await services.pool.remindersOf(principal.id) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit',
      summary: 'The audit trail (admins: all; managers: their teams)',
      access: ['admin', 'manager'],
      query: ['limit', 'skip'],
      async handler({ principal, query }) {
        const { limit, skip } = pageOf(query, 100);
        const filter = principal.role === 'admin' ? {} : { teams: { $in: principal.teams } };
        // Entries name their decision; its explanation is made again from the decision log, as it was shown when entries carried it.
        return { body: { entries: await services.decisionExplanations.attach(await services.audit.list(filter, limit, skip)) } };
      },
    }),
  ];
}
