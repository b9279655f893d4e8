import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../http/apiError.js';
import type { Services } from '../services.js';

const sameSecret = (given: string, expected: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * `GET /metrics` in Prometheus's text format. Prometheus reads it with the
 * bearer token `METRICS_TOKEN`; without one configured, only an admin's
 * credentials (a login token or an admin API key) may.
 */
export function metricsEndpoint(services: Services, token: string | undefined, authenticate: (request: Request) => Promise<Principal | undefined>): RequestHandler {
  return async (request, response, next) => {
    try {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!(token && bearer && sameSecret(bearer, token))) {
        const principal = await authenticate(request);
        if (!principal) throw new ApiError('unauthenticated', 'Send Authorization: Bearer <METRICS_TOKEN>, or an admin’s credentials');
        if (principal.role !== 'admin') throw new ApiError('forbidden', 'Only an admin, or Prometheus with METRICS_TOKEN, reads the metrics');
      }
      response.type(services.metrics.contentType).send(await services.metrics.text());
    } catch (error) {
      next(error);
    }
  };
}
