import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { API_ERRORS } from '../src/http/apiError.js';
import type { RouteSpec } from '../src/http/route.js';
import { EmbeddedStore } from '../src/store/embedded/embeddedStore.js';
import { ADMIN_PASSWORD, createTestApp } from './testApp.js';

// Random JSON bodies (deep nesting, huge and odd strings, prototype and operator
// keys, extreme numbers, broken JSON now and then) to every route that takes a
// body, as every kind of caller. Whatever comes: never a 5xx; a refusal comes in
// the one error shape with a known code, and writes nothing. A random body that
// happens to be valid may succeed (2xx): it may write, as any valid request may.

/** The seed of every run; set BAD_INPUT_SEED to replay another. */
const SEED = Number(process.env['BAD_INPUT_SEED'] ?? 20_261_130);
/** Bodies per route and caller: most where the route reads a body and the caller may call it (a refused caller's body is never read). */
const RUNS = { readBody: 8, ignoredBody: 3, refused: 1 };

const t = await createTestApp();
afterAll(async () => {
  await t.store.close();
});
if (!(t.store instanceof EmbeddedStore)) throw new Error('The write check reads the embedded store’s log');
const embedded = t.store;
/** Every acknowledged write on the embedded store appends to its log before it resolves: an unchanged size is no write. */
const logSize = () => embedded.bytesAppended;

const team = await t.team('South');
const callers: Record<string, string | undefined> = {
  anonymous: undefined,
  rep: (await t.user('rep', 'rep', [team])).auth,
  manager: (await t.user('manager', 'manager', [team])).auth,
  finance: (await t.user('finance', 'finance', [])).auth,
  director: (await t.user('director', 'director', [])).auth,
  admin: t.admin,
};
/** Routes that end the caller's own tokens when they succeed: the caller signs in again. */
const ENDS_OWN_SESSION = new Set(['POST /api/auth/logout']);
const { duplicateScan, creditReviews, leads, simulations } = t.services;
const settled = () => Promise.all([duplicateScan.idle(), creditReviews.idle(), leads.idle(), simulations.idle()]);
const signInAgain = (caller: string) => (caller === 'admin' ? t.login('admin', ADMIN_PASSWORD) : t.login(caller, `${caller}-password`));

/** Path parameters that name something real where the route reads a fixed set (policies, industries), else an id that is no one's. */
const PARAMS: Record<string, string> = { policy: 'claim-eligibility', industry: 'software' };
const pathOf = (route: RouteSpec) => route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => PARAMS[name] ?? 'x');

const mayCall = (route: RouteSpec, caller: string) =>
  route.access === 'public' || (caller !== 'anonymous' && (route.access === 'signed-in' || (route.access as readonly string[]).includes(caller)));

/** Every property name a route's body schema mentions, so random bodies get past "unknown field" now and then. */
function schemaKeys(schema: unknown): string[] {
  const keys = new Set<string>();
  const pending = [schema];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next === null || typeof next !== 'object') continue;
    const properties = (next as { properties?: unknown }).properties;
    if (properties && typeof properties === 'object') Object.keys(properties).forEach((key) => keys.add(key));
    pending.push(...Object.values(next));
  }
  return [...keys];
}

const NUMBERS = ['1e308', '-1e308', '1e309', '-0', '0.0', '5e-324', '9007199254740993', '-1', '0.5', '1E+2', '12345678901234567890'];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', '$gt', '$ne', '$where', '$schema', '$ref', '$defs', 'a.b', '', 'toString', 'hasOwnProperty', '名称'];
const ODD_STRINGS = ['"\\u0000"', '"\\ud800"', '"\\udfff\\ud800"', '"\\u202e"', '"\u{1F600}"', '"../../etc/passwd"', '"<script>"', '"${x}"'];

/** `depth` levels of arrays or single-member objects around a leaf. */
const nested = fc
  .record({ depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.constantFrom(5_000, 20_000)), inArrays: fc.boolean(), key: fc.constantFrom('a', '$gt', 'customer') })
  .map(({ depth, inArrays, key }) => (inArrays ? '['.repeat(depth) + '1' + ']'.repeat(depth) : `{${JSON.stringify(key)}:`.repeat(depth) + 'null' + '}'.repeat(depth)));
/** A long string: within the body limit (256 KB) or far past it (then the whole body is refused before anything reads it). */
const long = (times: readonly number[]) => fc.record({ unit: fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }), times: fc.constantFrom(...times) }).map(({ unit, times }) => JSON.stringify(unit.repeat(times)));
const scalar = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...ODD_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }).map((value) => JSON.stringify(value)),
  fc.double().map((value) => JSON.stringify(value)),
);

/** JSON text of a body for a route whose schema names `keys`: mostly objects, sometimes anything at all. */
function bodyText(keys: readonly string[]): Arbitrary<string> {
  const key = fc.oneof(...(keys.length > 0 ? [{ arbitrary: fc.constantFrom(...keys), weight: 4 }] : []), { arbitrary: fc.constantFrom(...ODD_KEYS), weight: 1 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      { arbitrary: scalar, weight: 6 },
      { arbitrary: nested, weight: 2 },
      { arbitrary: long([1_000, 20_000]), weight: 1 },
      { arbitrary: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`), weight: 1 },
      { arbitrary: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`), weight: 2 },
    ),
  }));
  const object = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
  const broken = fc.string({ maxLength: 30 }).map((text) => `{${text}`);
  const huge = fc.tuple(key, long([300_000])).map(([k, v]) => `{${JSON.stringify(k)}:${v}}`);
  return fc.oneof({ arbitrary: object, weight: 12 }, { arbitrary: value, weight: 3 }, { arbitrary: broken, weight: 1 }, { arbitrary: huge, weight: 1 });
}

const routes = (t.routes as readonly RouteSpec[]).filter((route) => route.method === 'post' || route.method === 'put');
const KNOWN_CODES = Object.keys(API_ERRORS);

describe('random bodies', () => {
  it('cover every route that takes a body', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
  });

  it.each(routes.map((route, i) => ({ route, name: `${route.method.toUpperCase()} ${route.path}`, seed: SEED + i * 10 })))('$name: no 5xx, and a refusal writes nothing', async ({ route, name, seed }) => {
    const texts = bodyText(schemaKeys(route.body));
    for (const [c, caller] of Object.keys(callers).entries()) {
      // Each caller gets bodies of its own.
      const callerSeed = seed + c;
      const run = fc.asyncProperty(texts, async (text) => {
        const before = logSize();
        let call = t.http[route.method](pathOf(route)).set('content-type', 'application/json');
        const auth = callers[caller];
        if (auth) call = call.set('authorization', auth);
        const response = await call.send(text);
        const what = `${name} as ${caller} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
        expect(response.status, what).toBeLessThan(500);
        if (response.status >= 400) {
          expect(KNOWN_CODES, what).toContain(response.body?.error?.code);
          expect(response.body.error.message, what).toEqual(expect.any(String));
          expect(logSize(), `${what}: a refusal wrote to the store`).toBe(before);
        } else {
          // What it started in the background (a scan, a review, an import, a simulation) writes before the next request is judged.
          await settled();
          if (auth && ENDS_OWN_SESSION.has(name)) callers[caller] = await signInAgain(caller);
        }
      });
      try {
        await fc.assert(run, { seed: callerSeed, numRuns: !mayCall(route, caller) ? RUNS.refused : route.body ? RUNS.readBody : RUNS.ignoredBody });
      } catch (error) {
        // fast-check's report names this caller's seed and the shrink path; the run's seed replays every route.
        throw new Error(`${name} as ${caller}, replay with BAD_INPUT_SEED=${SEED}: ${(error as Error).message}`, { cause: error });
      }
    }
  });
});
