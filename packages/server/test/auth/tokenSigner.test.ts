import { jwtVerify } from 'jose';
import type * as Jose from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenSigner } from '../../src/auth/tokens.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// Every signature check goes through jose's jwtVerify: counting its calls shows which verdicts came from the cache.
vi.mock('jose', async (importOriginal) => {
  const actual = await importOriginal<typeof Jose>();
  return { ...actual, jwtVerify: vi.fn(actual.jwtVerify) };
});
const signatureChecks = () => vi.mocked(jwtVerify).mock.calls.length;

const SECRET = 'a-test-secret-that-is-long-enough-1234';

describe('TokenSigner', () => {
  const clock = { now: new Date('2026-11-23T08:00:00.000Z') };
  const signer = (size?: number) => new TokenSigner(SECRET, 3600, () => clock.now, size);

  beforeEach(() => {
    clock.now = new Date('2026-11-23T08:00:00.000Z');
    vi.mocked(jwtVerify).mockClear();
  });

  it('checks a token’s signature once, then answers it from the cache until it expires', async () => {
    const tokens = signer();
    const { token } = await tokens.sign('u1', 3);
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', version: 3 });
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', version: 3 });
    expect(signatureChecks()).toBe(1);

    clock.now = new Date(clock.now.getTime() + 3600_000 - 1000);
    expect(await tokens.verify(token)).toEqual({ userId: 'u1', version: 3 });
    expect(signatureChecks()).toBe(1);
    clock.now = new Date(clock.now.getTime() + 1000);
    expect(await tokens.verify(token)).toBeUndefined();
  });

  it('never keeps a token that failed, and keeps at most its size, dropping the least recently used', async () => {
    const tokens = signer(2);
    const forged = `${(await tokens.sign('u1')).token.slice(0, -4)}AAAA`;
    expect(await tokens.verify(forged)).toBeUndefined();
    expect(await tokens.verify(forged)).toBeUndefined();
    expect(signatureChecks()).toBe(2);

    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map(async (id) => (await tokens.sign(id)).token));
    for (const token of [a, b, a, c]) await tokens.verify(token!);
    vi.mocked(jwtVerify).mockClear();
    expect(await tokens.verify(a!)).toEqual({ userId: 'a', version: 0 });
    expect(signatureChecks()).toBe(0);
    expect(await tokens.verify(b!)).toEqual({ userId: 'b', version: 0 });
    expect(signatureChecks()).toBe(1);
  });

  it('answers frozen claims, so no request can change what the next one is told', async () => {
    const tokens = signer();
    const { token } = await tokens.signEmbed('u1', { keyId: 'k1', origin: 'https://crm.example.com' }, 60);
    const claims = await tokens.verify(token);
    expect(Object.isFrozen(claims)).toBe(true);
    expect(Object.isFrozen(claims!.embed)).toBe(true);
  });
});

describe('a token whose signature check is cached', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.store.close();
  });

  it('is refused on the very next request once its user signs out, or is disabled', async () => {
    // Signed in without a password (scrypt would only slow the test down).
    const rep = await t.services.users.users.insertOne({ _id: 'rep-1', username: 'li.na', displayName: '李娜', role: 'rep', teams: [await t.team('South')], passwordHash: 'x', createdAt: t.clock.now.toISOString() });
    const signIn = async () => `Bearer ${(await t.services.tokens.sign(rep._id, (await t.services.users.findById(rep._id))?.tokenVersion ?? 0)).token}`;
    const cachedThenRefused = async (auth: string, end: () => Promise<unknown>) => {
      vi.mocked(jwtVerify).mockClear();
      expect((await t.http.get('/api/me').set('authorization', auth)).status).toBe(200);
      expect((await t.http.get('/api/me').set('authorization', auth)).status).toBe(200);
      expect(signatureChecks()).toBe(1);
      await end();
      expect((await t.http.get('/api/me').set('authorization', auth)).status).toBe(401);
      // The verdict on the signature came from the cache: the refusal is the account check's.
      expect(signatureChecks()).toBe(1);
    };
    const first = await signIn();
    await cachedThenRefused(first, async () => expect((await t.http.post('/api/auth/logout').set('authorization', first)).status).toBeLessThan(300));
    await cachedThenRefused(await signIn(), async () => expect((await t.http.post(`/api/users/${rep._id}/disable`).set('authorization', t.admin)).status).toBe(200));
  });

  it('minted by an API key is refused on the very next request once the key is revoked', async () => {
    const team = await t.team('South');
    await t.services.users.users.insertOne({ _id: 'rep-1', username: 'li.lei', displayName: '李雷', role: 'rep', teams: [team], passwordHash: 'x', createdAt: t.clock.now.toISOString() });
    const HOST = 'https://crm.example.com';
    const created = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'host', role: 'manager', teams: [team], origins: [HOST] });
    const minted = await t.http.post('/api/embed/tokens').set('x-api-key', created.body.key).send({ rep: 'li.lei', origin: HOST });
    const embed = `Bearer ${minted.body.token as string}`;
    expect((await t.http.get('/api/templates').set('authorization', embed)).status).toBe(200);
    expect((await t.http.get('/api/templates').set('authorization', embed)).status).toBe(200);

    expect((await t.http.post(`/api/api-keys/${created.body.record._id}/revoke`).set('authorization', t.admin)).status).toBe(200);
    const checksBefore = signatureChecks();
    expect((await t.http.get('/api/templates').set('authorization', embed)).status).toBe(401);
    expect(signatureChecks()).toBe(checksBefore);
  });
});
