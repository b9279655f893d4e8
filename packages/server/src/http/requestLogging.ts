import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';
import type { Metrics } from '../operations/metrics.js';

/** A caller's request id is kept when it looks like one; otherwise the server makes one. */
const CALLER_ID = /^[\w.:-]{1,128}$/;

/** The route a request matched, as a metrics label: its pattern, never the raw path. */
function routeLabel(request: Parameters<RequestHandler>[0]): string {
  const route = (request as { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return route.path;
  return request.path.startsWith('/api/') ? 'unmatched' : 'web-app';
}

/**
 * Gives every request an id (the caller's `x-request-id`, or a new one),
 * sent back in `x-request-id` and carried by every log line of the request;
 * logs each answered request as one JSON line; and counts it in the metrics.
 */
export function requestLogging(logger: Logger, metrics: Metrics): RequestHandler[] {
  const identify: RequestHandler = (request, response, next) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && CALLER_ID.test(given) ? given : randomUUID();
    (request as { id?: string }).id = id;
    response.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    response.on('finish', () => metrics.request(request.method, routeLabel(request), response.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    next();
  };
  if (!logger.pino) return [identify];
  const log = pinoHttp({
    logger: logger.pino,
    genReqId: (request) => (request as { id?: string }).id ?? randomUUID(),
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (request, response) => `${request.method} ${routeLabel(request as never)} ${response.statusCode}`,
    // Never log credentials or bodies: the method, path, status and time say enough.
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url.split('?')[0] }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  });
  return [identify, log];
}
