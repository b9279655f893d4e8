import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Origins besides the app's own that may frame a response to this request, or none. */
export type FramingOrigins = (request: Request) => Promise<readonly string[]> | null;

/**
 * Security headers on every response, API and web app alike (helmet):
 * - a Content-Security-Policy whose scripts come only from the app's own files
 *   (no inline script). `'unsafe-eval'` stays because the browser compiles the
 *   templates' JSON Schemas with ajv, which generates code; styles allow inline
 *   ones because antd writes its CSS at run time;
 * - `frame-ancestors 'self'`, widened for the requests `framing` names (the embeddable form);
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, and the rest of helmet's defaults;
 * - HSTS only on requests that arrived over TLS (directly, or through a proxy Express trusts).
 */
export function securityHeaders(framing: FramingOrigins = () => null): RequestHandler[] {
  const origins: RequestHandler = (request, response, next) => {
    const pending = framing(request);
    if (!pending) return next();
    pending.then((list) => {
      response.locals['frameAncestors'] = list;
      next();
    }, next);
  };
  const headers = (frameAncestors: Array<string | ((request: IncomingMessage, response: ServerResponse) => string)>) => helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-eval'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    // The embeddable form is framed by other origins, and hosts open it in their own pages.
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    xFrameOptions: false,
  });
  // Built once: helmet writes a policy of fixed directives as one precomputed string; only a framed response computes its own.
  const own = headers(["'self'"]);
  const framed = headers([(_request, response) => ["'self'", ...(((response as Response).locals['frameAncestors'] as string[] | undefined) ?? [])].join(' ')]);
  const csp: RequestHandler = (request, response, next) => ((response.locals['frameAncestors'] as string[] | undefined)?.length ? framed : own)(request, response, next);
  const hsts: RequestHandler = (request, response, next) => {
    if (request.secure) response.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    next();
  };
  return [origins, csp, hsts];
}
