import { describe, expect, it } from 'vitest';
import type { EventDoc } from '../../src/domain/events/outbox.js';
import type { Directory } from '../../src/domain/notifications/noticesFor.js';
import { noticesFor } from '../../src/domain/notifications/noticesFor.js';

// Who is told of what waits for a decision: exactly those who may decide it.
const directory: Directory = {
  managersOf: async (teams) => ['m-south', 'm-north', 'm-both'].filter((id) => teams.some((team) => id.includes(team) || id === 'm-both')),
  managersOfEvery: async (teams) => (teams.length > 1 ? ['m-both'] : [`m-${teams[0]}`, 'm-both']),
  admins: async () => ['admin-1', 'admin-2'],
};

const event = (type: string, data: Record<string, unknown>): EventDoc => ({ _id: 'e1', type, at: '2026-11-23T08:00:00.000Z', seq: '1', data });

const proposal = (kind: string, receiving: string[], proposer = 'm-both') =>
  event('reassignment.proposed', {
    proposalId: 'p1',
    kind,
    proposedBy: { id: proposer, name: '周敏' },
    receivingTeams: receiving.map((team) => ({ team, teamName: team === 'south' ? '华南一组' : '华北二组' })),
    customers: 12,
    repName: '李娜',
    teamName: '华南一组',
  });

describe('notices of decisions that wait', () => {
  it('a reassignment reaching two teams waits for a manager of both, never its proposer', async () => {
    const [notice] = await noticesFor(proposal('book', ['south', 'north'], 'someone-else'), directory);
    expect(notice).toMatchObject({ kind: 'reassignment-waiting', recipients: ['m-both'], teams: ['south', 'north'] });
    expect(notice!.text.zh.body).toBe('周敏提议：李娜名下 12 个客户转到华南一组、华北二组。');
    expect(notice!.text.en.body).toBe('周敏 proposes 12 customers of 李娜 to 华南一组, 华北二组.');
    expect((await noticesFor(proposal('book', ['south', 'north']), directory))[0]!.recipients).toEqual([]);
  });

  it('a territory redraw, and a proposal no team receives, wait for the admins', async () => {
    expect((await noticesFor(proposal('territory', ['south']), directory))[0]).toMatchObject({ recipients: ['admin-1', 'admin-2'] });
    expect((await noticesFor(proposal('book', []), directory))[0]!.text.zh.body).toContain('转到待分配队列');
  });

  it('an appeal against a team without a manager waits for the admins', async () => {
    const filed = event('appeal.filed', { appealId: 'a1', customerName: '深圳市星云数据有限公司', reason: '先联系', appellant: { repId: 'r2', repName: '王强', teamName: '华北二组' }, holder: { repId: 'r1', team: 'east' } });
    const none: Directory = { ...directory, managersOf: async () => [] };
    expect((await noticesFor(filed, none))[0]).toMatchObject({ recipients: ['admin-1', 'admin-2'], teams: ['east'] });
  });

  it('events that concern nobody raise nothing', async () => {
    expect(await noticesFor(event('claim.released', { claimId: 'c1' }), directory)).toEqual([]);
    expect(await noticesFor(event('claim.created', { source: 'registration', customerName: 'x', holder: { repId: 'r1', team: 't', teamName: 'T' } }), directory)).toEqual([]);
  });
});
