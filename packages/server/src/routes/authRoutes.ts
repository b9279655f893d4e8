import { verifyPassword } from '../auth/passwords.js';
import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import { publicUser } from '../domain/users/usersRepository.js';
import type { Services } from '../services.js';

// A password check that always costs the same, so unknown usernames are not revealed by timing.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authRoutes(services: Services) {
  return [
    defineRoute<{ username: string; password: string }>({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in; returns a short-lived bearer token',
      access: 'public',
      body: {
        type: 'object',
        required: ['username', 'password'],
        properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      async handler({ body }) {
        const user = await services.users.findByUsername(body.username);
        const valid = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !valid || user.disabled) throw new ApiError('unauthenticated', 'Wrong username or password');
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
