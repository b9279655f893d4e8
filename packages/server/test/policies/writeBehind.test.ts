import { describe, expect, it } from 'vitest';
import { WriteBehind } from '../../src/domain/policies/writeBehind.js';

/** A write that lands when the test says so. */
function pending() {
  let land!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    land = resolve;
    fail = reject;
  });
  return { promise, land, fail };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
  return done;
};

describe('WriteBehind', () => {
  it('lets the job go on while a write is in flight, and starts the next one only once it has landed', async () => {
    const writes = new WriteBehind();
    const first = pending();
    const second = pending();
    const started: string[] = [];
    await writes.write(() => (started.push('first'), first.promise));
    expect(writes.idle).toBe(false);
    const next = writes.write(() => (started.push('second'), second.promise));
    expect(await settled(next)).toBe(false);
    expect(started).toEqual(['first']);
    first.land();
    await next;
    expect(started).toEqual(['first', 'second']);
    expect(await settled(writes.settle())).toBe(false);
    second.land();
    await writes.settle();
    expect(writes.idle).toBe(true);
  });

  it('fails the next write, and the settling, with a write’s failure', async () => {
    const writes = new WriteBehind();
    const first = pending();
    await writes.write(() => first.promise);
    first.fail(new Error('disk full'));
    let startedAfter = false;
    await expect(writes.write(async () => void (startedAfter = true))).rejects.toThrow('disk full');
    expect(startedAfter).toBe(false);
    await expect(writes.settle()).rejects.toThrow('disk full');
  });
});
