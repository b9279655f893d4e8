import { NEW_PASSWORD_SCHEMA, assertAcceptablePassword } from '../auth/passwordPolicy.js';
import { ROLES } from '../auth/principal.js';
import type { Role } from '../auth/principal.js';
import { defineRoute } from '../http/route.js';
import { publicUser } from '../domain/users/usersRepository.js';
import type { Services } from '../services.js';

export function organisationRoutes(services: Services) {
  return [
    defineRoute<{ name: string }>({
      method: 'post',
      path: '/api/teams',
      summary: 'Create a team',
      access: ['admin'],
      body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } },
      async handler({ body, principal }) {
        const team = await services.users.createTeam(body.name.trim());
        await services.audit.record({ actor: principal, action: 'team.created', subject: team._id, data: { name: team.name } });
        return { status: 201, body: team };
      },
    }),
    defineRoute<{ name: string }>({
      method: 'put',
      path: '/api/teams/:id',
      summary: 'Rename a team (409 conflict on /name when another team has the name)',
      access: ['admin'],
      body: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } } },
      async handler({ params, body, principal }) {
        const before = await services.users.teams.findOne({ _id: params['id']! });
        const team = await services.users.renameTeam(params['id']!, body.name.trim());
        await services.audit.record({ actor: principal, action: 'team.renamed', subject: team._id, data: { before: before?.name, after: team.name }, teams: [team._id] });
        return { body: team };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/teams',
      summary: 'List teams',
      access: 'signed-in',
      async handler() {
        return { body: { teams: await services.users.teams.find({}, { sort: { name: 1 } }) } };
      },
    }),
    defineRoute<{ username: string; password: string; displayName: string; role: Role; teams?: string[] }>({
      method: 'post',
      path: '/api/users',
      summary: 'Create a user',
      access: ['admin'],
      body: {
        type: 'object',
        required: ['username', 'password', 'displayName', 'role'],
        properties: {
          username: { type: 'string', pattern: '^[A-Za-z0-9._-]{2,64}$' },
          password: NEW_PASSWORD_SCHEMA,
          displayName: { type: 'string', minLength: 1, maxLength: 100 },
          role: { enum: [...ROLES] },
          teams: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 50, uniqueItems: true },
        },
      },
      async handler({ body, principal, language }) {
        assertAcceptablePassword(body.password, '/password', language);
        const user = await services.users.createUser({ ...body, teams: body.teams ?? [] });
        await services.audit.record({ actor: principal, action: 'user.created', subject: String(user._id), data: { username: user.username, role: user.role, teams: user.teams } });
        return { status: 201, body: user };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/users',
      summary: 'List users (admins: all; managers: their teams)',
      access: ['admin', 'manager'],
      async handler({ principal }) {
        const filter = principal.role === 'admin' ? {} : { teams: { $in: principal.teams } };
        const users = await services.users.users.find(filter, { sort: { username: 1 } });
        return { body: { users: users.map(publicUser) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: 'The store in use and its state; to an admin also its size, last checkpoint and the heap',
      access: 'public',
      async handler({ principal }) {
        if (services.lifecycle.stopping) return { status: 503, body: { status: 'stopping' } };
        const health = await services.store.health();
        const admin = principal.id !== '' && principal.role === 'admin';
        const store = { kind: health.kind, ok: health.ok, ...(admin ? { detail: health.detail } : {}) };
        const memory = admin ? { heapUsedBytes: process.memoryUsage().heapUsed, rssBytes: process.memoryUsage().rss } : undefined;
        return { status: health.ok ? 200 : 503, body: { status: health.ok ? 'ok' : 'unavailable', store, ...(memory ? { memory } : {}) } };
      },
    }),
  ];
}
