import { describe, expect, it } from 'vitest';
import { UserCache } from '../../src/domain/users/userCache.js';
import type { UserAccess } from '../../src/domain/users/userCache.js';

// The per-request check reads users from a short-lived cache: how stale it may be is bounded.
const user = (tokenVersion: number): UserAccess => ({ _id: 'u1', username: 'u1', displayName: 'U', role: 'rep', teams: ['t'], tokenVersion });

describe('UserCache', () => {
  it('serves a user from memory until the entry is ttlMs old, then reads the store again', async () => {
    let now = 0;
    let stored = user(0);
    let reads = 0;
    const cache = new UserCache(async () => (reads++, stored), { ttlMs: 2_000, maxEntries: 10, now: () => now });
    expect((await cache.get('u1'))?.tokenVersion).toBe(0);
    stored = user(1); // changed by another process
    now = 1_999;
    expect((await cache.get('u1'))?.tokenVersion).toBe(0);
    now = 2_000;
    expect((await cache.get('u1'))?.tokenVersion).toBe(1);
    expect(reads).toBe(2);
  });

  it('reads again at once after forget (a change made in this process)', async () => {
    let stored = user(0);
    const cache = new UserCache(async () => stored, { ttlMs: 60_000, maxEntries: 10, now: () => 0 });
    await cache.get('u1');
    stored = user(3);
    cache.forget('u1');
    expect((await cache.get('u1'))?.tokenVersion).toBe(3);
  });

  it('keeps at most maxEntries users, and shares one read among concurrent requests', async () => {
    const reads: string[] = [];
    const cache = new UserCache(async (id) => (reads.push(id), { ...user(0), _id: id }), { ttlMs: 60_000, maxEntries: 2, now: () => 0 });
    await Promise.all([cache.get('a'), cache.get('a'), cache.get('a')]);
    expect(reads).toEqual(['a']);
    await cache.get('b');
    await cache.get('c');
    await cache.get('a');
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const cache = new UserCache(async () => {
      if (fail) throw new Error('store down');
      return user(0);
    }, { ttlMs: 60_000, maxEntries: 10, now: () => 0 });
    await expect(cache.get('u1')).rejects.toThrow('store down');
    fail = false;
    expect(await cache.get('u1')).toMatchObject({ _id: 'u1' });
  });
});
