import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

// A corpus of bad requests: each gets a clear 4xx in the one error shape; the
// server stays up, nothing is written, and nothing produces a 500.
let t: TestApp;
let rep: { id: string; auth: string };

beforeAll(async () => {
  t = await createTestApp();
  rep = await t.user('li.na', 'rep', [await t.team('South')]);
});
afterAll(async () => {
  await t.store.close();
});

const valid = softwareCustomer('语料测试公司');
const withCustomer = (patch: Record<string, unknown>) => ({ ...valid, customer: { ...valid.customer, ...patch } });

interface Case {
  name: string;
  method?: 'post' | 'get' | 'put';
  path?: string;
  raw?: string;
  body?: unknown;
  contentType?: string;
  auth?: 'rep' | 'admin' | 'none';
  status: number;
  code?: string;
  /** The one field problem's path, when the case names it. */
  at?: string;
}

/** The deepest nesting a body may have (objects and arrays count alike). */
const MAX_DEPTH = 64;

/**
 * Bodies nested `depth` levels deep, in arrays and in objects, on a public, a
 * rep's and an admin's route: each is refused as too deep, naming where the
 * walk stopped (the first level past the limit), never a 500 however deep.
 */
function deepCases(): Case[] {
  const routes = [
    { route: 'login', path: '/api/auth/login', auth: 'none' },
    { route: 'registration', path: '/api/registrations', auth: 'rep' },
    { route: 'admin draft', method: 'put', path: '/api/policies/claim-eligibility/draft', auth: 'admin' },
  ] as const;
  const shapes = [
    { shape: 'arrays', raw: (depth: number) => '['.repeat(depth) + ']'.repeat(depth), step: '/0' },
    { shape: 'objects', raw: (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth), step: '/a' },
  ];
  const noBody: Case = { name: 'a route that takes no body: 20000 levels', path: '/api/claims/x/convert', raw: '['.repeat(20_000) + ']'.repeat(20_000), status: 400, code: 'too-deep', at: '/0'.repeat(MAX_DEPTH) };
  return [100, 5_000, 20_000].flatMap((depth): Case[] =>
    routes.flatMap(({ route, ...call }) =>
      shapes.map(({ shape, raw, step }) => ({ name: `${route}: ${depth} levels of ${shape}`, ...call, raw: raw(depth), status: 400, code: 'too-deep', at: step.repeat(MAX_DEPTH) })),
    ),
  ).concat(noBody);
}

const cases: Case[] = [
  { name: 'malformed JSON', raw: '{"industry": ', status: 400, code: 'malformed-json' },
  { name: 'trailing garbage', raw: '{"industry":"software"} x', status: 400, code: 'malformed-json' },
  { name: 'JSON scalar body', raw: '"hello"', status: 400, code: 'bad-request', at: '/' },
  { name: 'JSON null body', raw: 'null', status: 400, code: 'bad-request', at: '/' },
  { name: 'JSON number body', raw: ' 12 ', status: 400, code: 'bad-request', at: '/' },
  { name: 'JSON boolean body on login', path: '/api/auth/login', raw: 'true', auth: 'none', status: 400, code: 'bad-request', at: '/' },
  { name: 'bare word body', raw: 'hello', status: 400, code: 'malformed-json' },
  { name: 'array body', body: [valid], status: 422, code: 'invalid' },
  { name: 'empty object', body: {}, status: 422, code: 'invalid' },
  { name: 'empty body', raw: '', status: 422 },
  { name: 'text/plain body', raw: 'industry=software', contentType: 'text/plain', status: 400 },
  { name: 'form-encoded body', raw: 'industry=software', contentType: 'application/x-www-form-urlencoded', status: 400 },
  { name: 'oversized body', body: withCustomer({ intent: 'x'.repeat(300_000) }), status: 413, code: 'payload-too-large' },
  { name: 'unknown top-level field', body: { ...valid, owner: 'me' }, status: 422, code: 'invalid' },
  { name: 'unknown customer field', body: withCustomer({ ownerRepId: 'me' }), status: 422, code: 'invalid' },
  { name: 'operator object as value', body: withCustomer({ companyName: { $gt: '' } }), status: 400, code: 'forbidden-key' },
  { name: 'operator object as industry', body: { ...valid, industry: { $ne: null } }, status: 400, code: 'forbidden-key' },
  { name: '$where key', body: { ...valid, $where: 'sleep(1000)' }, status: 400, code: 'forbidden-key' },
  { name: '__proto__ key', raw: `{"industry":"software","customer":{"__proto__":{"admin":true},"companyName":"X公司"}}`, status: 400, code: 'forbidden-key' },
  { name: 'constructor key', body: withCustomer({ constructor: { prototype: { admin: true } } }), status: 400, code: 'forbidden-key' },
  { name: 'nested prototype key', raw: '{"industry":"software","customer":{"purchasePlan":{"__proto__":{"x":1}}}}', status: 400, code: 'forbidden-key' },
  { name: 'dotted key', body: withCustomer({ 'fields.grade': 'A' }), status: 422 },
  { name: 'industry as number', body: { ...valid, industry: 7 }, status: 422 },
  { name: 'industry unknown', body: { ...valid, industry: 'mining' }, status: 422 },
  { name: 'industry path traversal', body: { ...valid, industry: '../../etc/passwd' }, status: 422 },
  { name: 'industry very long', body: { ...valid, industry: 'x'.repeat(1000) }, status: 422 },
  { name: 'customer as string', body: { industry: 'software', customer: 'ACME' }, status: 422 },
  { name: 'customer as array', body: { industry: 'software', customer: [] }, status: 422 },
  { name: 'customer null', body: { industry: 'software', customer: null }, status: 422 },
  { name: 'company name missing', body: withCustomer({ companyName: undefined }), status: 422 },
  { name: 'company name number', body: withCustomer({ companyName: 12345 }), status: 422 },
  { name: 'company name too long', body: withCustomer({ companyName: '公'.repeat(101) }), status: 422 },
  { name: 'grade lowercase', body: withCustomer({ grade: 'a' }), status: 422 },
  { name: 'grade array', body: withCustomer({ grade: ['A'] }), status: 422 },
  { name: 'region too short', body: withCustomer({ region: '44' }), status: 422 },
  { name: 'region letters', body: withCustomer({ region: '44O305' }), status: 422 },
  { name: 'region well-formed but no such district', body: withCustomer({ region: '449999' }), status: 422 },
  { name: 'phone letters', body: withCustomer({ phone: 'call-me-maybe' }), status: 422 },
  { name: 'email invalid', body: withCustomer({ email: 'not-an-email' }), status: 422 },
  { name: 'credit code wrong check digit', body: withCustomer({ creditCode: '91440300MA5F0ABC10' }), status: 422 },
  { name: 'credit code forbidden letter', body: withCustomer({ creditCode: '91440300MA5F0ABCIO' }), status: 422 },
  { name: 'budget negative', body: withCustomer({ purchasePlan: { budget: -1 } }), status: 422 },
  { name: 'budget string', body: withCustomer({ purchasePlan: { budget: '100' } }), status: 422 },
  { name: 'deployment unknown', body: withCustomer({ deployment: 'mainframe' }), status: 422 },
  { name: 'deeply nested junk', body: withCustomer({ purchasePlan: JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) }), status: 400, code: 'too-deep', at: `/customer/purchasePlan${'/a'.repeat(62)}` },
  ...deepCases(),
  { name: 'no token', body: valid, auth: 'none', status: 401, code: 'unauthenticated' },
  { name: 'unknown route', method: 'get', path: '/api/nothing-here', status: 404, code: 'not-found' },
  { name: 'wrong method', method: 'put', path: '/api/registrations', body: valid, status: 404 },
  { name: 'login with operator', path: '/api/auth/login', body: { username: { $ne: '' }, password: { $ne: '' } }, auth: 'none', status: 400, code: 'forbidden-key' },
  { name: 'login with extra field', path: '/api/auth/login', body: { username: 'admin', password: 'x', role: 'admin' }, auth: 'none', status: 422 },
  { name: 'claims with operator query', method: 'get', path: '/api/claims?status[$ne]=x', status: 400 },
  { name: 'claims with an unknown parameter', method: 'get', path: '/api/claims?owner=me', status: 400, code: 'bad-request' },
  { name: 'claims with a repeated parameter', method: 'get', path: '/api/claims?status=active&status=expired', status: 400, code: 'bad-request' },
  { name: 'release of a claim that does not exist', path: '/api/claims/does-not-exist/release', body: {}, status: 404 },
  { name: 'follow-up without note', path: '/api/claims/x/follow-ups', body: {}, status: 422 },
  { name: 'team as a rep', path: '/api/teams', body: { name: 'Mine' }, status: 403, code: 'forbidden' },
  { name: 'user with role superadmin', path: '/api/users', auth: 'admin', body: { username: 'evil', password: 'long-enough-1', displayName: 'x', role: 'superadmin' }, status: 422 },
];

/** The documents of every collection the store has, counted. */
async function snapshot() {
  return (await t.store.health()).detail['collections'];
}

describe('bad input', () => {
  it(`has a corpus of at least 40 payloads (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name → $status', async (c) => {
    const before = await snapshot();
    let call = t.http[c.method ?? 'post'](c.path ?? '/api/registrations');
    if (c.auth !== 'none') call = call.set('authorization', c.auth === 'admin' ? t.admin : rep.auth);
    if (c.raw !== undefined) call = call.set('content-type', c.contentType ?? 'application/json').send(c.raw);
    else if (c.body !== undefined) call = call.send(c.body as object);
    const response = await call;
    expect(response.status).toBe(c.status);
    expect(response.body.error).toEqual(expect.objectContaining({ code: c.code ?? expect.any(String), message: expect.any(String) }));
    if (c.at !== undefined) expect(response.body.error.details).toEqual([expect.objectContaining({ path: c.at })]);
    expect(await snapshot()).toEqual(before);
  });

  it('names the region field when the code is well-formed but no district has it', async () => {
    const response = await t.http.post('/api/registrations').set('authorization', rep.auth).send(withCustomer({ region: '449999' }));
    expect(response.status).toBe(422);
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/customer/region']);
  });

  it('leaves the server up and logging no internal error', async () => {
    expect(t.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(valid)).status).toBe(201);
  });
});
