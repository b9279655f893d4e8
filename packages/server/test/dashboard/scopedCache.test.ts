import { describe, expect, it } from 'vitest';
import { ScopedCache } from '../../src/domain/dashboard/scopedCache.js';

// The dashboard's cache: one computation per scope at a time, reused for a while.
function setup(ttlMs: number) {
  const clock = { now: new Date('2026-11-23T08:00:00.000Z') };
  const cache = new ScopedCache<number>(ttlMs, () => clock.now);
  let computations = 0;
  const compute = async () => {
    computations += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return computations;
  };
  const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
  return { cache, compute, advance, computations: () => computations };
}

describe('ScopedCache', () => {
  it('shares one computation among callers asking at once, and reuses its value until the time is up', async () => {
    const { cache, compute, advance, computations } = setup(30_000);
    expect(await Promise.all(Array.from({ length: 10 }, () => cache.get('everything', compute)))).toEqual(Array(10).fill(1));
    expect(computations()).toBe(1);
    advance(29_999);
    expect(await cache.get('everything', compute)).toBe(1);
    advance(1);
    expect(await cache.get('everything', compute)).toBe(2);
  });

  it('keeps scopes apart', async () => {
    const { cache, compute, computations } = setup(30_000);
    await cache.get('teams:["a"]', compute);
    await cache.get('teams:["b"]', compute);
    await cache.get('teams:["a"]', compute);
    expect(computations()).toBe(2);
    expect(cache.size).toBe(2);
  });

  it('keeps no failure, and keeps nothing with a time of 0 (though callers at once still share)', async () => {
    const { cache, compute, computations } = setup(0);
    const failing = () => Promise.reject(new Error('store down'));
    await expect(cache.get('everything', failing)).rejects.toThrow('store down');
    expect(cache.size).toBe(0);
    await Promise.all([cache.get('everything', compute), cache.get('everything', compute)]);
    expect(computations()).toBe(1);
    await cache.get('everything', compute);
    expect(computations()).toBe(2);
  });

  it('computes again when the clock is set back before the value was made', async () => {
    const { cache, compute, advance, computations } = setup(30_000);
    await cache.get('everything', compute);
    advance(-60_000);
    await cache.get('everything', compute);
    expect(computations()).toBe(2);
  });
});
