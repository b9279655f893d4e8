import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../src/http/route.js';
import { ADMIN_PASSWORD, createTestApp } from './testApp.js';
import type { TestApp } from './testApp.js';

// Every route against every kind of caller: the route's declared access is what the API enforces.
let t: TestApp;
const callers: Record<string, string | undefined> = {};

beforeAll(async () => {
  t = await createTestApp();
  const team = await t.team('South');
  callers['anonymous'] = undefined;
  callers['rep'] = (await t.user('rep', 'rep', [team])).auth;
  callers['manager'] = (await t.user('manager', 'manager', [team])).auth;
  callers['finance'] = (await t.user('finance', 'finance', [])).auth;
  callers['director'] = (await t.user('director', 'director', [])).auth;
  callers['admin'] = t.admin;
});
afterAll(async () => {
  await t.store.close();
});

const ROLE_GATE = /^This needs the role/;
/** Routes that end the caller's own tokens: the caller signs in again after them. */
const ENDS_OWN_SESSION = new Set(['POST /api/auth/logout']);
const signInAgain = (caller: string) => (caller === 'admin' ? t.login('admin', ADMIN_PASSWORD) : t.login(caller, `${caller}-password`));

describe('access matrix', () => {
  it('covers every route', () => {
    expect(t.routes.length).toBeGreaterThanOrEqual(20);
  });

  it('matches each route’s declared access for every caller', async () => {
    const failures: string[] = [];
    for (const route of t.routes as readonly RouteSpec[]) {
      const path = route.path.replace(/:[A-Za-z]+/g, 'x');
      for (const caller of Object.keys(callers)) {
        const auth = callers[caller];
        let call = t.http[route.method](path);
        if (auth) call = call.set('authorization', auth);
        if (route.method !== 'get') call = call.send({});
        const response = await call;
        const roleGate = response.status === 403 && ROLE_GATE.test(response.body?.error?.message ?? '');
        const allowed =
          route.access === 'public' || (caller !== 'anonymous' && (route.access === 'signed-in' || (route.access as string[]).includes(caller)));
        const ok = allowed
          ? response.status !== 401 && !roleGate && response.status < 500
          : caller === 'anonymous'
            ? response.status === 401
            : roleGate;
        if (!ok) failures.push(`${route.method.toUpperCase()} ${route.path} as ${caller}: ${response.status} ${JSON.stringify(response.body)}`);
        if (auth && ENDS_OWN_SESSION.has(`${route.method.toUpperCase()} ${route.path}`)) callers[caller] = await signInAgain(caller);
      }
    }
    expect(failures).toEqual([]);
  });

  it('publishes an OpenAPI description of every route', async () => {
    const response = await t.http.get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const route of t.routes as readonly RouteSpec[]) {
      const operation = response.body.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation['x-access']).toEqual(route.access);
      if (route.body) expect(operation.requestBody.content['application/json'].schema).toEqual(route.body);
    }
  });
});
