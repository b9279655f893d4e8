import { describe, expect, it } from 'vitest';
import { EMBEDDED_ADVISED_LIMIT, moveAdvice } from '../../src/store/embedded/advisedLimits.js';

describe('the advice to move to MongoDB', () => {
  const below = { customers: EMBEDDED_ADVISED_LIMIT.customerDocuments, bytesOnDisk: EMBEDDED_ADVISED_LIMIT.dataBytes, openedInMs: EMBEDDED_ADVISED_LIMIT.startSeconds * 1000 };

  it('says nothing up to the limits', () => {
    expect(moveAdvice(below)).toBeUndefined();
  });

  it('names each limit passed, and where the move is described', () => {
    expect(moveAdvice({ ...below, customers: below.customers + 1 })).toMatch(/300001 customers .*Moving to MongoDB/);
    const all = moveAdvice({ customers: 400_000, bytesOnDisk: 3 * 1024 ** 3, openedInMs: 45_000 })!;
    expect(all).toContain('400000 customers');
    expect(all).toContain('3.0 GB on disk');
    expect(all).toContain('45 s to open');
  });
});
