import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { OrderedIndex } from '../../src/store/embedded/orderedIndex.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

type Entry = { _id: string; at: string; action: string; teams: string[] };

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.store.close();
});

const actor = (teams: string[]): Principal => ({ kind: 'user', id: 'someone', username: 'someone', displayName: 'someone', role: 'rep', teams });

describe('GET /api/audit', () => {
  it('pages newest first, for admins and for a manager’s teams, walking the trail’s time index instead of sorting it', async () => {
    const south = await t.team('South');
    const north = await t.team('North');
    const manager = await t.user('zhou.min', 'manager', [south]);
    // Entries a minute apart, some at the same instant, of either team.
    const start = t.clock.now.getTime();
    for (let i = 0; i < 30; i += 1) {
      t.clock.now = new Date(start + Math.floor(i / 3) * 60_000);
      await t.services.audit.record({ actor: actor([i % 2 ? south : north]), action: `test.${i}`, subject: 's' });
    }
    const stored = (await t.services.audit.entries.find({})) as Entry[];
    // Newest first; entries of one instant in the order they were written.
    const newest = (entries: Entry[]) => entries.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : i - j)).map(([e]) => e._id);
    const walks = vi.spyOn(OrderedIndex.prototype, 'forKeys');
    const page = async (auth: string, skip: number, limit: number) => ((await t.http.get(`/api/audit?skip=${skip}&limit=${limit}`).set('authorization', auth)).body.entries as Entry[]).map((e) => e._id);

    expect(await page(t.admin, 0, 7)).toEqual(newest(stored).slice(0, 7));
    expect(await page(t.admin, 7, 7)).toEqual(newest(stored).slice(7, 14));
    const southOnly = stored.filter((e) => e.teams.includes(south));
    expect(southOnly.length).toBeGreaterThan(10);
    expect(await page(manager.auth, 4, 5)).toEqual(newest(southOnly).slice(4, 9));
    // Each listing walked the audit trail's index on time.
    expect(walks.mock.contexts.filter((index) => (index as OrderedIndex).spec.name === 'audit_by_time')).toHaveLength(3);
  });
});
