import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addressKey } from '../../src/auth/signInThrottle.js';
import { trustProxySetting } from '../../src/http/trustProxy.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// Guessing and flooding sign-in: wrong passwords lock the account and the address
// for a growing time, and a bounded number of password checks run at once.
// Small limits keep the test fast; each test signs in from an address of its own.
let t: TestApp;
let team: string;
beforeAll(async () => {
  t = await createTestApp({ config: { trustProxy: true, signIn: { accountFailures: 3, addressFailures: 5 }, passwordChecks: { concurrent: 1, waiting: 2 } } });
  team = await t.team('South');
});
afterAll(async () => {
  await t.store.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const login = (username: string, password: string, from: string) => t.http.post('/api/auth/login').set('x-forwarded-for', from).send({ username, password });
const laterBy = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

describe('sign-in limits per account', () => {
  it('locks an account after its wrong passwords, refusing even the right one until the lock ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await t.user('acct.one', 'rep', [team]);
    expect((await login('acct.one', 'wrong-password-1', '198.51.100.1')).status).toBe(401);
    expect((await login('acct.one', 'wrong-password-2', '198.51.100.1')).status).toBe(401);
    const third = await login('acct.one', 'wrong-password-3', '198.51.100.1');
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: 'too-many-attempts', retryAfter: 60 });
    expect(third.headers['retry-after']).toBe('60');

    const right = await login('acct.one', 'acct.one-password', '198.51.100.9');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('too-many-attempts');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);

    // The lock is the account's: another account from the same address signs in.
    await t.user('acct.other', 'rep', [team]);
    expect((await login('acct.other', 'acct.other-password', '198.51.100.1')).status).toBe(200);

    laterBy(61);
    expect((await login('acct.one', 'acct.one-password', '198.51.100.1')).status).toBe(200);
  });

  it('locks again after one more wrong password, for twice as long', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await t.user('acct.two', 'rep', [team]);
    for (const n of [1, 2]) expect((await login('acct.two', `wrong-password-${n}`, '198.51.100.2')).status).toBe(401);
    expect((await login('acct.two', 'wrong-password-3', '198.51.100.2')).headers['retry-after']).toBe('60');
    laterBy(61);
    const again = await login('acct.two', 'wrong-password-4', '198.51.100.2');
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('120');
  });

  it('forgets an account’s wrong passwords once the right one is given', async () => {
    await t.user('acct.three', 'rep', [team]);
    for (const n of [1, 2]) expect((await login('acct.three', `wrong-password-${n}`, '198.51.100.3')).status).toBe(401);
    expect((await login('acct.three', 'acct.three-password', '198.51.100.3')).status).toBe(200);
    for (const n of [3, 4]) expect((await login('acct.three', `wrong-password-${n}`, '198.51.100.3')).status).toBe(401);
    expect((await login('acct.three', 'wrong-password-5', '198.51.100.3')).status).toBe(429);
  });
});

describe('sign-in limits per address', () => {
  it('locks an address that tries many usernames, for every account', async () => {
    await t.user('addr.victim', 'rep', [team]);
    const answers = [];
    for (const name of ['ghost1', 'ghost2', 'ghost3', 'ghost4', 'ghost5']) answers.push((await login(name, 'guess-password-1', '203.0.113.7')).status);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    const refused = await login('addr.victim', 'addr.victim-password', '203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('too-many-attempts');
    expect(refused.headers['retry-after']).toBe('60');
    expect((await login('addr.victim', 'addr.victim-password', '203.0.113.8')).status).toBe(200);
  });

  it('counts an IPv6 client’s whole /64 as one address, and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('192.0.2.1')).not.toBe(addressKey('192.0.2.2'));
  });
});

describe('password checks at once', () => {
  it('answers token requests while sign-ins wait for a password check, and refuses sign-ins past the queue', async () => {
    const { auth } = await t.user('busy.rep', 'rep', [team]);
    let release!: () => void;
    const held = t.services.passwords.inTurn(() => new Promise<void>((resolve) => (release = resolve)));
    const settled: number[] = [];
    const waiting = [1, 2].map((n) => login('busy.rep', 'busy.rep-password', `192.0.2.${n}`).then((response) => (settled.push(response.status), response)));
    await vi.waitFor(() => expect(t.services.passwords.load).toEqual({ running: 1, waiting: 2 }));

    const me = await t.http.get('/api/me').set('authorization', auth);
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('busy.rep');
    expect(settled).toEqual([]);

    const past = await login('busy.rep', 'busy.rep-password', '192.0.2.3');
    expect(past.status).toBe(503);
    expect(past.body.error.code).toBe('busy');
    expect(past.headers['retry-after']).toBe('1');

    release();
    await held;
    expect((await Promise.all(waiting)).map((response) => response.status)).toEqual([200, 200]);
  });
});

describe('behind a proxy', () => {
  it('counts by the connection’s address unless a proxy is trusted', async () => {
    const direct = await createTestApp({ config: { signIn: { accountFailures: 10, addressFailures: 2 } } });
    try {
      const guess = (n: number) => direct.http.post('/api/auth/login').set('x-forwarded-for', `198.51.100.${n}`).send({ username: `ghost${n}`, password: 'guess-password-1' });
      expect((await guess(1)).status).toBe(401);
      expect((await guess(2)).status).toBe(429);
    } finally {
      await direct.store.close();
    }
  });

  it('reads TRUST_PROXY as Express’s trust proxy setting', () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});
