import type { Express, NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** How long a browser keeps a file whose name carries its content hash: a year, never revalidated. */
export const HASHED_FILE_CACHE = 'public, max-age=31536000, immutable';
/** The pages (index.html, embed.html) and unhashed files: revalidated on every load, so a new build is seen at once. */
export const PAGE_CACHE = 'no-cache';

/** Vite writes every hashed file (scripts, styles, their maps) under `assets/`. */
function cacheControl(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? HASHED_FILE_CACHE : PAGE_CACHE;
}

/**
 * Serves the web app's build from `dir`: each file as the build wrote it
 * compressed (`.br`, else `.gz`, as the browser accepts; the plain file
 * otherwise), hashed files cached for good and pages revalidated;
 * `/embed/register` is the embeddable form's page and any other GET outside
 * `/api/` the app's page (the app routes in the browser). The
 * Content-Security-Policy comes from `securityHeaders`.
 */
export function serveWebApp(app: Express, dir: string): void {
  const files = expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: { index: false, cacheControl: false, setHeaders: (response, path) => response.setHeader('cache-control', cacheControl(path)) },
  }) as (request: Request, response: Response, next: NextFunction) => void;
  const page = (file: string) => (request: Request, response: Response, next: NextFunction) => {
    request.url = file;
    files(request, response, next);
  };
  app.get('/embed/register', page('/embed.html'));
  app.use(files);
  app.get(/^(?!\/api\/).*/, page('/index.html'));
}
