import { describe, expect, it } from 'vitest';
import { isSeededVersion } from '../src/pages/rules/seededVersion.js';

const SEEDED = { comment: 'Loaded from the rules folder at first start', createdBy: { id: 'system', name: 'System' } };

describe('the version seeded from the rules folder', () => {
  it('is known by its origin', () => {
    expect(isSeededVersion({ ...SEEDED, origin: 'rules-folder' })).toBe(true);
    expect(isSeededVersion({ origin: 'rules-folder', comment: 'anything', createdBy: { name: 'System' } })).toBe(true);
  });

  it('is known without an origin by the system as author and the seeding comment, as versions seeded earlier are stored', () => {
    expect(isSeededVersion(SEEDED)).toBe(true);
  });

  it('is never a version a person wrote, even with the same words', () => {
    expect(isSeededVersion({ ...SEEDED, createdBy: { id: 'u-1', name: 'System' } })).toBe(false);
    expect(isSeededVersion({ ...SEEDED, comment: 'C 级客户保护期延长到 45 天' })).toBe(false);
    expect(isSeededVersion({ comment: SEEDED.comment, createdBy: { name: 'System' } })).toBe(false);
  });
});
