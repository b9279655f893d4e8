import type { ApiKeyScope } from '../auth/apiKeys.js';
import { personOf, ROLES } from '../auth/principal.js';
import type { Role } from '../auth/principal.js';
import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import type { Services } from '../services.js';

/** An origin as browsers send it: scheme, host and port, nothing else. */
const ORIGIN = { type: 'string', pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$', maxLength: 200 };

const SCOPE = {
  type: 'object',
  required: ['name', 'role'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
    role: { enum: [...ROLES] },
    teams: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 50, uniqueItems: true },
    origins: { type: 'array', items: ORIGIN, maxItems: 20, uniqueItems: true },
    registrar: { type: 'boolean' },
  },
};

/** A new key's scope: without a role it gets the least privilege, a rep's. */
const NEW_SCOPE = { ...SCOPE, required: ['name'] };

/** The role of a key created without one: the least privilege. */
export const DEFAULT_KEY_ROLE: Role = 'rep';

type ScopeBody = { name: string; role: Role; teams?: string[]; origins?: string[]; registrar?: boolean };

/** The embed token's lifetime: a quarter of an hour unless the host asks otherwise, an hour at most. */
const EMBED_TTL = { default: 900, min: 60, max: 3600 };

export function integrationRoutes(services: Services) {
  /** A key's scope with its teams checked: each must exist (422 naming the bad one). */
  const checkedScope = async (body: ScopeBody): Promise<ApiKeyScope> => {
    const teams = body.teams ?? [];
    const known = new Set((await services.users.teams.find({ _id: { $in: teams } }, { projection: { _id: 1 } })).map((team) => team._id));
    const unknown = teams.map((team, index) => ({ team, index })).filter(({ team }) => !known.has(team));
    if (unknown.length > 0) throw new ApiError('invalid', 'No such team', { details: unknown.map(({ index }) => ({ path: `/teams/${index}`, message: 'no such team' })) });
    if (body.role === 'manager' && teams.length === 0) throw new ApiError('invalid', 'A manager key needs the teams it acts for', { details: [{ path: '/teams', message: 'at least one team' }] });
    if (body.registrar) {
      // A registrar acts in the rep's name and teams only: it holds the least role and nothing of its own.
      if (body.role !== 'rep') throw new ApiError('invalid', 'A registrar key has the rep role', { details: [{ path: '/role', message: 'must be rep for a registrar key' }] });
      if (teams.length > 0 || (body.origins ?? []).length > 0) {
        throw new ApiError('invalid', 'A registrar key acts in its rep’s teams and embeds nothing', { details: [{ path: teams.length > 0 ? '/teams' : '/origins', message: 'must be empty for a registrar key' }] });
      }
    }
    return { name: body.name.trim(), role: body.role, teams, origins: body.origins ?? [], ...(body.registrar ? { registrar: true } : {}) };
  };

  return [
    defineRoute({
      method: 'get',
      path: '/api/api-keys',
      summary: 'Every API key with its scope (role, teams, embed origins) and state; never a secret',
      access: ['admin'],
      async handler() {
        return { body: { keys: await services.apiKeys.list() } };
      },
    }),
    defineRoute<Omit<ScopeBody, 'role'> & { role?: Role }>({
      method: 'post',
      path: '/api/api-keys',
      summary: 'Create an API key for an integrator, scoped to a role (a rep’s unless named), teams and the origins that may embed the form; the key is shown once',
      access: ['admin'],
      body: NEW_SCOPE,
      async handler({ body, principal }) {
        const created = await services.apiKeys.create({ ...(await checkedScope({ ...body, role: body.role ?? DEFAULT_KEY_ROLE })), createdBy: personOf(principal) });
        await services.audit.record({ actor: principal, action: 'api-key.created', subject: created.record._id, data: { name: created.record.name, role: created.record.role, teams: created.record.teams, origins: created.record.origins, registrar: created.record.registrar ?? false } });
        return { status: 201, body: created };
      },
    }),
    defineRoute<ScopeBody>({
      method: 'put',
      path: '/api/api-keys/:id',
      summary: 'Change a key’s name and scope; its next call is held to the new scope',
      access: ['admin'],
      body: SCOPE,
      async handler({ body, params, principal }) {
        const current = await services.apiKeys.active(params['id']!);
        if (current?.registrar && body.registrar !== true) {
          // A registrar key never grows into another kind of key: revoke it and make the other kind.
          throw new ApiError('invalid', 'A registrar key stays a registrar key', { details: [{ path: '/registrar', message: 'must stay true' }] });
        }
        const scope = await checkedScope(body);
        const updated = await services.apiKeys.rescope(params['id']!, scope);
        if (!updated) throw new ApiError('not-found', 'No such active key');
        await services.audit.record({ actor: principal, action: 'api-key.rescoped', subject: updated._id, data: { ...scope } });
        return { body: { key: updated } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/api-keys/:id/revoke',
      summary: 'Revoke a key: it and the embed tokens it minted stop working at once',
      access: ['admin'],
      async handler({ params, principal }) {
        const revoked = await services.apiKeys.revoke(params['id']!, principal.id);
        if (!revoked) throw new ApiError('not-found', 'No such active key');
        await services.audit.record({ actor: principal, action: 'api-key.revoked', subject: revoked._id, data: { name: revoked.name } });
        return { body: { key: revoked } };
      },
    }),
    defineRoute<{ rep: string; origin: string; industry?: string; ttlSeconds?: number }>({
      method: 'post',
      path: '/api/embed/tokens',
      summary: 'Mint a short-lived token for the embedded registration form (API keys only): it registers as the rep, from the origin, optionally for one industry',
      access: ['admin', 'manager'],
      body: {
        type: 'object',
        required: ['rep', 'origin'],
        properties: {
          rep: { type: 'string', minLength: 1, maxLength: 100, description: 'The username of the rep who registers' },
          origin: ORIGIN,
          industry: { type: 'string', minLength: 1, maxLength: 64 },
          ttlSeconds: { type: 'integer', minimum: EMBED_TTL.min, maximum: EMBED_TTL.max },
        },
      },
      async handler({ body, principal }) {
        if (principal.kind !== 'api-key') throw new ApiError('forbidden', 'Embed tokens are minted with an API key (X-API-Key), from the host’s server');
        const key = await services.apiKeys.active(principal.id);
        if (!key || !(key.origins ?? []).includes(body.origin)) {
          throw new ApiError('invalid', 'This key may not embed the form on that origin: an admin adds it to the key’s origins', { details: [{ path: '/origin', message: 'not one of the key’s origins' }] });
        }
        const rep = await services.users.findByUsername(body.rep);
        if (!rep || rep.disabled || rep.role !== 'rep') throw new ApiError('invalid', 'No such active rep', { details: [{ path: '/rep', message: 'not an active rep' }] });
        if (principal.role === 'manager' && !rep.teams.some((team) => principal.teams.includes(team))) throw new ApiError('forbidden', 'This key acts for other teams than the rep’s');
        if (body.industry && !(await services.templates.current(body.industry))) {
          throw new ApiError('invalid', 'No template for that industry', { details: [{ path: '/industry', message: 'unknown industry' }] });
        }
        const grant = { keyId: key._id, origin: body.origin, ...(body.industry ? { industry: body.industry } : {}) };
        const { token, expiresAt } = await services.tokens.signEmbed(rep._id, grant, body.ttlSeconds ?? EMBED_TTL.default);
        const query = body.industry ? `?industry=${encodeURIComponent(body.industry)}` : '';
        // The token travels in the fragment: browsers never send it to a server or write it in access logs.
        return { status: 201, body: { token, expiresAt, url: `/embed/register${query}#token=${token}` } };
      },
    }),
  ];
}
