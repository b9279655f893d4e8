import type { Principal } from '../auth/principal.js';
import { ApiError } from '../http/apiError.js';
import type { Language } from '../http/language.js';
import { queryFlag } from '../http/queryFlag.js';
import { defineRoute } from '../http/route.js';
import type { RegistrationInput } from '../domain/registration/registrationService.js';
import type { Services } from '../services.js';

/** What a registrar sends: the rep it registers for, by username, and the registration itself. */
export type RegistrarBody = RegistrationInput & { rep: string };

/**
 * Routes for a registrar key: a platform plugin (the NocoBase plugin) that
 * registers customers on behalf of the platform's users, each mapped to a
 * crm-policy rep. The key holds the rep role and nothing of its own; it acts
 * as the named rep, who must exist and be active, and no other route takes it.
 */
export function registrarRoutes(services: Services) {
  /** The rep a registrar acts for, as that rep's principal with the key named; 422 on `/rep` when there is no such active rep. */
  const actingRep = async (principal: Principal, username: string, language: Language): Promise<Principal> => {
    if (principal.kind !== 'api-key' || !principal.registrar) {
      throw new ApiError('forbidden', language === 'zh' ? '只有登记密钥可以代业务员登记' : 'Only a registrar key registers on behalf of a rep');
    }
    const rep = await services.users.findByUsername(username);
    if (!rep || rep.disabled || rep.role !== 'rep') {
      const message = language === 'zh' ? `没有在职的业务员“${username}”` : `No active rep "${username}"`;
      throw new ApiError('invalid', message, { details: [{ path: '/rep', message: language === 'zh' ? '不是在职的业务员' : 'not an active rep' }] });
    }
    return { kind: 'user', id: rep._id, username: rep.username, displayName: rep.displayName, role: 'rep', teams: rep.teams, via: { keyId: principal.id, keyName: principal.displayName } };
  };

  return [
    defineRoute<RegistrarBody>({
      method: 'post',
      path: '/api/registrations/on-behalf',
      summary: 'A registrar key registers a customer for a named active rep: the answers of POST /api/registrations, the claim held by the rep',
      access: ['rep'],
      registrar: true,
      query: ['explain'],
      body: {
        type: 'object',
        required: ['rep', 'industry', 'customer'],
        properties: {
          rep: { type: 'string', minLength: 1, maxLength: 100, description: 'The username of the rep who registers' },
          industry: { type: 'string', minLength: 1, maxLength: 64 },
          customer: { type: 'object', additionalProperties: true },
        },
      },
      async handler({ body, principal, language, query }) {
        const rep = await actingRep(principal, body.rep, language);
        if (rep.teams.length === 0) throw new ApiError('forbidden', language === 'zh' ? '该业务员不属于任何团队' : 'Only a member of a team can hold customers');
        return services.registrations.register(rep, { industry: body.industry, customer: body.customer }, language, { explain: queryFlag(query, 'explain') });
      },
    }),
  ];
}
