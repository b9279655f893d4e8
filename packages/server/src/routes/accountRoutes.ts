import { NEW_PASSWORD_SCHEMA } from '../auth/passwordPolicy.js';
import { ROLES } from '../auth/principal.js';
import type { Principal, Role } from '../auth/principal.js';
import { publicUser } from '../domain/users/usersRepository.js';
import type { UserDoc } from '../domain/users/usersRepository.js';
import { defineRoute } from '../http/route.js';
import type { Services } from '../services.js';

/**
 * An admin's hold over accounts: disable and enable, reset a password, change
 * role and teams, end every token. Each change ends the user's tokens at once.
 */
export function accountRoutes(services: Services) {
  const recorded = async (principal: Principal, action: string, user: UserDoc, data: Record<string, unknown> = {}) => {
    await services.audit.record({ actor: principal, action, subject: user._id, data: { username: user.username, ...data }, teams: user.teams });
    return { body: { user: publicUser(user) } };
  };

  return [
    defineRoute({
      method: 'post',
      path: '/api/users/:id/disable',
      summary: 'Disable a user: they cannot sign in and their tokens end (409 last-admin for the last active admin)',
      access: ['admin'],
      async handler({ params, principal }) {
        return recorded(principal, 'user.disabled', await services.accounts.disable(params['id']!));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/enable',
      summary: 'Let a disabled user sign in again',
      access: ['admin'],
      async handler({ params, principal }) {
        return recorded(principal, 'user.enabled', await services.accounts.enable(params['id']!));
      },
    }),
    defineRoute<{ password: string }>({
      method: 'put',
      path: '/api/users/:id/password',
      summary: 'Reset a user’s password; their tokens end',
      access: ['admin'],
      body: { type: 'object', required: ['password'], properties: { password: NEW_PASSWORD_SCHEMA } },
      async handler({ params, body, principal, language }) {
        return recorded(principal, 'user.password-reset', await services.accounts.setPassword(params['id']!, body.password, language));
      },
    }),
    defineRoute<{ role: Role; teams?: string[] }>({
      method: 'put',
      path: '/api/users/:id/role',
      summary: 'Change a user’s role and teams; their tokens end (409 last-admin when the last active admin would lose the role)',
      access: ['admin'],
      body: {
        type: 'object',
        required: ['role'],
        properties: { role: { enum: [...ROLES] }, teams: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 50, uniqueItems: true } },
      },
      async handler({ params, body, principal }) {
        const user = await services.accounts.changeRole(params['id']!, body.role, body.teams ?? []);
        return recorded(principal, 'user.role-changed', user, { role: user.role, teams: user.teams });
      },
    }),
    defineRoute<{ displayName: string }>({
      method: 'put',
      path: '/api/users/:id',
      summary: 'Change the name a user is shown by; their tokens stay valid',
      access: ['admin'],
      body: { type: 'object', required: ['displayName'], properties: { displayName: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } } },
      async handler({ params, body, principal }) {
        const user = await services.users.setDisplayName(params['id']!, body.displayName.trim());
        return recorded(principal, 'user.renamed', user, { displayName: user.displayName });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/logout',
      summary: 'End every token of a user (they sign in again)',
      access: ['admin'],
      async handler({ params, principal }) {
        return recorded(principal, 'user.signed-out', await services.accounts.endSessions(params['id']!));
      },
    }),
  ];
}
