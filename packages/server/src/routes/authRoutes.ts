import { NEW_PASSWORD_SCHEMA, assertAcceptablePassword } from '../auth/passwordPolicy.js';
import type { Principal } from '../auth/principal.js';
import { tooManyAttempts } from '../auth/signInThrottle.js';
import { tokenVersionOf } from '../domain/users/userAccounts.js';
import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import { publicUser } from '../domain/users/usersRepository.js';
import type { Services } from '../services.js';

// A password check that always costs the same, so unknown usernames are not revealed by timing.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Signing in and out, the caller, and a user's own password. */
export function authRoutes(services: Services) {
  /** Checks a password through the throttle: 429 while locked, and the lock a wrong one starts. */
  async function checkPassword(username: string, password: string, address: string) {
    const attempt = await services.signIn.begin(username, address);
    const checked = async () => {
      const found = await services.users.findByUsername(username);
      return { user: found, valid: await services.passwords.verify(password, found?.passwordHash ?? DUMMY_HASH) };
    };
    // A check that never ran (the server was busy, the store down) is not held against anyone.
    const { user, valid } = await checked().catch(async (error: unknown) => {
      await attempt.abandoned();
      throw error;
    });
    if (user && valid && !user.disabled) {
      await attempt.succeeded();
      return user;
    }
    const locked = await attempt.failed();
    if (locked > 0) throw tooManyAttempts(locked);
    return null;
  }

  const userOnly = (principal: Principal) => {
    if (principal.kind !== 'user') throw new ApiError('bad-request', 'An API key has no password or session: an admin revokes it');
  };

  return [
    defineRoute<{ username: string; password: string }>({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in; returns a short-lived bearer token. Wrong passwords lock the account and the address for a growing time (429 too-many-attempts, Retry-After)',
      access: 'public',
      body: {
        type: 'object',
        required: ['username', 'password'],
        properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      async handler({ body, address }) {
        const user = await checkPassword(body.username, body.password, address);
        if (!user) throw new ApiError('unauthenticated', 'Wrong username or password');
        const { token, expiresAt } = await services.tokens.sign(user._id, tokenVersionOf(user));
        return { body: { token, expiresAt, user: publicUser(user) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out everywhere: every token of the caller ends at once',
      access: 'signed-in',
      async handler({ principal }) {
        userOnly(principal);
        await services.accounts.endSessions(principal.id);
        await services.audit.record({ actor: principal, action: 'user.signed-out', subject: principal.id });
        return { status: 204, body: null };
      },
    }),
    defineRoute<{ currentPassword: string; password: string }>({
      method: 'put',
      path: '/api/auth/password',
      summary: 'Change one’s own password with the current one; other tokens end, a new token is returned',
      access: 'signed-in',
      body: {
        type: 'object',
        required: ['currentPassword', 'password'],
        properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, password: NEW_PASSWORD_SCHEMA },
      },
      async handler({ body, principal, address, language }) {
        userOnly(principal);
        assertAcceptablePassword(body.password, '/password', language);
        const user = await checkPassword(principal.username, body.currentPassword, address);
        if (!user || user._id !== principal.id) {
          throw new ApiError('invalid', 'The current password is wrong', { details: [{ path: '/currentPassword', message: language === 'zh' ? '当前密码不正确' : 'is not your current password' }] });
        }
        const changed = await services.accounts.setPassword(principal.id, body.password, language);
        await services.audit.record({ actor: principal, action: 'user.password-changed', subject: principal.id });
        // This session goes on with a token at the new version; every other one has ended.
        const { token, expiresAt } = await services.tokens.sign(changed._id, tokenVersionOf(changed));
        return { body: { token, expiresAt, user: publicUser(changed) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      summary: 'The signed-in caller',
      access: 'signed-in',
      async handler({ principal }) {
        return { body: principal };
      },
    }),
  ];
}
