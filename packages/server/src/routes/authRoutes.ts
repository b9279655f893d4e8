import { tooManyAttempts } from '../auth/signInThrottle.js';
import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import { publicUser } from '../domain/users/usersRepository.js';
import type { Services } from '../services.js';

// A password check that always costs the same, so unknown usernames are not revealed by timing.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Signing in, and the caller. */
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
        const { token, expiresAt } = await services.tokens.sign(user._id);
        return { body: { token, expiresAt, user: publicUser(user) } };
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
