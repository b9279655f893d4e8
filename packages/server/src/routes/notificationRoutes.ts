import type { Principal } from '../auth/principal.js';
import { ApiError } from '../http/apiError.js';
import { queryFlag } from '../http/queryFlag.js';
import { defineRoute } from '../http/route.js';
import { ROBOT_PLATFORMS } from '../domain/notifications/teamRobots.js';
import type { RobotPlatform } from '../domain/notifications/teamRobots.js';
import type { Services } from '../services.js';

/** A whole number from the query within bounds, or a 400 naming the parameter. */
function wholeNumber(query: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ApiError('bad-request', `${name} must be a whole number from ${min} to ${max}`, { details: [{ path: `query.${name}`, message: `a whole number from ${min} to ${max}` }] });
  }
  return value;
}

/** The person whose inbox this is: a signed-in user, never an API key. */
function personal(principal: Principal): string {
  if (principal.kind !== 'user') throw new ApiError('forbidden', 'Notifications belong to people: sign in as a user');
  return principal.id;
}

function platformOf(params: Record<string, string>): RobotPlatform {
  const platform = params['platform'] ?? '';
  if (!(ROBOT_PLATFORMS as readonly string[]).includes(platform)) {
    throw new ApiError('not-found', `No such chat platform; known: ${ROBOT_PLATFORMS.join(', ')}`, { details: [{ path: 'params.platform', message: 'unknown platform' }] });
  }
  return platform as RobotPlatform;
}

/** The caller's inbox, and the chat robots (DingTalk, WeCom, Feishu) an admin sets per team. */
export function notificationRoutes(services: Services) {
  const teamOf = async (id: string) => {
    if (!(await services.users.teams.findOne({ _id: id }, { projection: { _id: 1 } }))) throw new ApiError('not-found', 'No such team');
    return id;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      summary: 'The caller’s notifications, newest first, in the caller’s language (Accept-Language), a page at a time; `unread=true` for the unread only',
      access: 'signed-in',
      query: ['limit', 'skip', 'unread'],
      async handler({ principal, query, language }) {
        const limit = wholeNumber(query, 'limit', 20, 1, 100);
        const skip = wholeNumber(query, 'skip', 0, 0, 100_000);
        return { body: await services.inbox.list(personal(principal), language, { limit, skip, unreadOnly: queryFlag(query, 'unread') }) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/notifications/unread-count',
      summary: 'How many of the caller’s notifications are unread (the bell’s figure)',
      access: 'signed-in',
      async handler({ principal }) {
        return { body: { unread: await services.inbox.unreadCount(personal(principal)) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read-all',
      summary: 'Mark every notification of the caller read',
      access: 'signed-in',
      async handler({ principal }) {
        return { body: { marked: await services.inbox.markAllRead(personal(principal)) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/read',
      summary: 'Mark one of the caller’s notifications read (404 for anyone else’s)',
      access: 'signed-in',
      async handler({ principal, params, language }) {
        return { body: await services.inbox.markRead(personal(principal), params['id']!, language) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/teams/:id/robots',
      summary: 'A team’s chat robots: platform and masked URL, never the secret',
      access: ['admin'],
      async handler({ params }) {
        return { body: { robots: await services.robots.list(await teamOf(params['id']!)) } };
      },
    }),
    defineRoute<{ url: string; secret?: string }>({
      method: 'put',
      path: '/api/teams/:id/robots/:platform',
      summary: 'Set the team’s group robot on a platform (dingtalk, wecom, feishu): its webhook URL and signing secret, both write-only; a secret left out keeps the saved one',
      access: ['admin'],
      body: {
        type: 'object',
        required: ['url'],
        properties: {
          url: { type: 'string', minLength: 1, maxLength: 2000 },
          secret: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
      async handler({ body, params, principal }) {
        const team = await teamOf(params['id']!);
        const robot = await services.robots.set(principal, team, platformOf(params), body);
        await services.audit.record({ actor: principal, action: 'team.robot-set', subject: robot._id, data: { platform: robot.platform, urlHint: robot.urlHint, hasSecret: robot.hasSecret }, teams: [team] });
        return { body: robot };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/teams/:id/robots/:platform/deliveries',
      summary: 'The posts to a team’s robot, newest first, with their attempts (the platform’s answer: taken, refused, or unreachable)',
      access: ['admin'],
      query: ['limit', 'skip'],
      async handler({ params, query }) {
        const team = await teamOf(params['id']!);
        const limit = wholeNumber(query, 'limit', 50, 1, 500);
        const skip = wholeNumber(query, 'skip', 0, 0, 100_000);
        return { body: { deliveries: await services.webhookDispatcher.list({ webhookId: `${team}:${platformOf(params)}` }, limit, skip) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/teams/:id/robots/:platform',
      summary: 'Remove the team’s robot on a platform; its pending posts are cancelled',
      access: ['admin'],
      async handler({ params, principal }) {
        const team = await teamOf(params['id']!);
        const platform = platformOf(params);
        await services.robots.remove(team, platform);
        await services.audit.record({ actor: principal, action: 'team.robot-removed', subject: `${team}:${platform}`, teams: [team] });
        return { status: 204, body: null };
      },
    }),
  ];
}
