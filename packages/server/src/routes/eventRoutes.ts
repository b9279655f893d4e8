import { ApiError } from '../http/apiError.js';
import { pageOf } from '../http/paging.js';
import { defineRoute } from '../http/route.js';
import type { DeliveryStatus } from '../domain/events/webhookDispatcher.js';
import { WEBHOOK_EVENTS } from '../domain/events/webhooks.js';
import type { WebhookInput } from '../domain/events/webhooks.js';
import type { Services } from '../services.js';

const WEBHOOK_BODY = {
  type: 'object',
  required: ['url', 'events'],
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2000 },
    events: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 60 } },
    description: { type: 'string', maxLength: 500 },
    active: { type: 'boolean' },
  },
};

const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivering', 'delivered', 'failed', 'cancelled'];

export function eventRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events',
      summary: 'The event feed (assignment.changed …), oldest first after the cursor `after` (an event’s seq)',
      access: ['admin'],
      query: ['after', 'type', 'limit'],
      async handler({ query }) {
        const { limit } = pageOf(query, 100);
        return { body: { events: await services.outbox.feed(query['after'], limit, query['type']) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/webhooks/event-types',
      summary: 'The event types an endpoint can subscribe to',
      access: ['admin'],
      async handler() {
        return { body: { eventTypes: WEBHOOK_EVENTS } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/webhooks',
      summary: 'Registered webhook endpoints (never their secrets)',
      access: ['admin'],
      async handler() {
        return { body: { webhooks: await services.webhooks.list() } };
      },
    }),
    defineRoute<WebhookInput>({
      method: 'post',
      path: '/api/webhooks',
      summary: 'Register an endpoint for event types; the answer carries its signing secret, shown this once',
      access: ['admin'],
      body: WEBHOOK_BODY,
      async handler({ body, principal }) {
        const created = await services.webhooks.create(principal, body);
        await services.audit.record({ actor: principal, action: 'webhook.created', subject: created.webhook._id, data: { url: created.webhook.url, events: created.webhook.events } });
        return { status: 201, body: created };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/webhooks/:id',
      summary: 'One endpoint',
      access: ['admin'],
      async handler({ params }) {
        return { body: await services.webhooks.get(params['id']!) };
      },
    }),
    defineRoute<WebhookInput>({
      method: 'put',
      path: '/api/webhooks/:id',
      summary: 'Change an endpoint’s URL, events, description or activity (its secret stays)',
      access: ['admin'],
      body: WEBHOOK_BODY,
      async handler({ body, params, principal }) {
        const updated = await services.webhooks.update(params['id']!, body);
        await services.audit.record({ actor: principal, action: 'webhook.updated', subject: updated._id, data: { url: updated.url, events: updated.events, active: updated.active } });
        return { body: updated };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/webhooks/:id/secret',
      summary: 'Rotate an endpoint’s signing secret; the new one is shown this once',
      access: ['admin'],
      async handler({ params, principal }) {
        const rotated = await services.webhooks.rotateSecret(params['id']!);
        await services.audit.record({ actor: principal, action: 'webhook.secret-rotated', subject: rotated.webhook._id });
        return { body: rotated };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/webhooks/:id',
      summary: 'Remove an endpoint; its pending deliveries are cancelled',
      access: ['admin'],
      async handler({ params, principal }) {
        await services.webhooks.remove(params['id']!);
        await services.audit.record({ actor: principal, action: 'webhook.deleted', subject: params['id']! });
        return { status: 204, body: null };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/webhooks/:id/deliveries',
      summary: 'An endpoint’s deliveries, newest first, with their attempts; filter by status',
      access: ['admin'],
      query: ['status', 'limit', 'skip'],
      async handler({ params, query }) {
        const status = query['status'];
        if (status !== undefined && !DELIVERY_STATUSES.includes(status as DeliveryStatus)) {
          throw new ApiError('bad-request', `status must be one of ${DELIVERY_STATUSES.join(', ')}`, { details: [{ path: 'query.status', message: 'unknown status' }] });
        }
        await services.webhooks.get(params['id']!);
        const { limit, skip } = pageOf(query, 50);
        return { body: { deliveries: await services.webhookDispatcher.list({ webhookId: params['id']!, ...(status ? { status } : {}) }, limit, skip) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/webhook-deliveries/:id/replay',
      summary: 'Send a delivery again now, with a fresh day of retries',
      access: ['admin'],
      async handler({ params, principal }) {
        const replayed = await services.webhookDispatcher.replay(params['id']!);
        await services.audit.record({ actor: principal, action: 'webhook.replayed', subject: replayed._id });
        return { status: 202, body: replayed };
      },
    }),
  ];
}
