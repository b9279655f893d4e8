import { describe, expect, it } from 'vitest';
import { format } from '../src/i18n/messages.js';
import type { MessageKey } from '../src/i18n/messages.js';
import { fieldOf, placeProblems } from '../src/pages/organisation/organisationProblems.js';
import type { OrgUser } from '../src/pages/organisation/organisationTypes.js';
import { memberRowPointer, memberRows, membersBody, territoriesBody, territoryRows } from '../src/pages/organisation/teamForm.js';
import { newUserBody, teamsProblem, userEdits, userMatches } from '../src/pages/organisation/userForm.js';

const zh = (key: MessageKey) => format('zh', key);
const user = (id: string, displayName: string, role: OrgUser['role'], teams: string[], disabled = false): OrgUser => ({ _id: id, username: id, displayName, role, teams, disabled, createdAt: '2026-01-01' });

describe('the user form and the API', () => {
  it('checks teams as the server does: a rep in exactly one, a manager in at least one, organisation roles in none', () => {
    expect(teamsProblem('rep', [])).toBe('org.teamNeeded');
    expect(teamsProblem('rep', ['a', 'b'])).toBe('org.oneTeamForRep');
    expect(teamsProblem('rep', ['a'])).toBeUndefined();
    expect(teamsProblem('manager', [])).toBe('org.teamNeeded');
    expect(teamsProblem('manager', ['a', 'b'])).toBeUndefined();
    expect(teamsProblem('finance', [])).toBeUndefined();
  });

  it('creates with trimmed names, and drops teams an organisation role does not have', () => {
    expect(newUserBody({ username: ' li.na ', password: 'long enough pass', displayName: ' 李娜 ', role: 'rep', teams: ['t1'] })).toEqual({ username: 'li.na', password: 'long enough pass', displayName: '李娜', role: 'rep', teams: ['t1'] });
    expect(newUserBody({ username: 'cfo', password: 'p', displayName: '钱', role: 'finance', teams: ['t1'] }).teams).toEqual([]);
  });

  it('sends only what an edit changed: the name alone keeps the sessions, a role or team change goes to /role', () => {
    const li = user('u1', '李娜', 'rep', ['t1']);
    expect(userEdits(li, { displayName: '李娜', role: 'rep', teams: ['t1'] })).toEqual([]);
    expect(userEdits(li, { displayName: ' 李 娜 ', role: 'rep', teams: ['t1'] })).toEqual([{ path: '/api/users/u1', body: { displayName: '李 娜' } }]);
    expect(userEdits(li, { displayName: '李娜', role: 'manager', teams: ['t1', 't2'] })).toEqual([{ path: '/api/users/u1/role', body: { role: 'manager', teams: ['t1', 't2'] } }]);
    expect(userEdits(li, { displayName: '李娜', role: 'rep', teams: ['t2'] })).toEqual([{ path: '/api/users/u1/role', body: { role: 'rep', teams: ['t2'] } }]);
  });

  it('finds users by username or display name, ignoring case', () => {
    expect(userMatches({ username: 'Li.Na', displayName: '李娜' }, 'li.n')).toBe(true);
    expect(userMatches({ username: 'li.na', displayName: '李娜' }, '李')).toBe(true);
    expect(userMatches({ username: 'li.na', displayName: '李娜' }, 'wang')).toBe(false);
    expect(userMatches({ username: 'li.na', displayName: '李娜' }, '  ')).toBe(true);
  });
});

describe('the server’s problems on the organisation forms', () => {
  it('names the form field a pointer reaches, down to an item of a list', () => {
    expect(fieldOf('/teams/0')).toEqual(['teams']);
    expect(fieldOf('/territories/1/regions/3')).toEqual(['territories', 1, 'regions']);
    expect(fieldOf('/members/2/userId')).toEqual(['members', 2, 'userId']);
    expect(fieldOf('/')).toEqual([]);
  });

  it('says the routes’ own messages in the page’s language on their fields, and keeps already localised ones', () => {
    const placed = placeProblems(
      { message: '请求内容有误', details: [{ path: '/username', message: 'already taken' }, { path: '/teams', message: 'exactly one team for a rep' }, { path: '/password', message: '至少 12 个字符' }, { path: '/password', message: '属于最常见的密码，请另选' }] },
      zh,
      new Set(['username', 'teams', 'password']),
    );
    expect(placed).toEqual({ fields: [{ name: ['username'], message: '该用户名已被使用' }, { name: ['teams'], message: '销售只能属于一个团队' }, { name: ['password'], message: '至少 12 个字符' }] });
  });

  it('keeps for the page what no field shows, with the answer’s message when nothing has a field', () => {
    expect(placeProblems({ message: '不能停用最后一位管理员', details: [] }, zh, new Set(['name']))).toEqual({ fields: [], page: '不能停用最后一位管理员' });
    const placed = placeProblems({ message: 'invalid', details: [{ path: '/name', message: 'already taken' }, { path: '/other', message: 'odd' }] }, zh, new Set(['name']), '；');
    expect(placed).toEqual({ fields: [{ name: ['name'], message: '已有同名团队' }], page: 'odd' });
  });

  it('puts a bad region on its territory’s regions', () => {
    const placed = placeProblems({ message: 'Unknown division codes', details: [{ path: '/territories/1/regions/0', message: '990000 is not a GB/T 2260 division' }] }, zh, new Set(['territories']));
    expect(placed.fields).toEqual([{ name: ['territories', 1, 'regions'], message: '不是有效的行政区划' }]);
  });
});

describe('a team’s territories and members and the API', () => {
  it('sends territories with repeats and blanks removed, and an empty narrowing not at all (it means any)', () => {
    const body = territoriesBody([
      { regions: ['4419', '4419', '440305'], sizes: [], industries: [], productLines: [' ', 'CRM '] },
      { regions: ['44'], sizes: ['sme', 'large'], industries: ['software'], productLines: [] },
    ]);
    expect(body).toEqual({ territories: [{ regions: ['4419', '440305'], productLines: ['CRM'] }, { regions: ['44'], sizes: ['sme', 'large'], industries: ['software'] }] });
    expect(territoryRows(body.territories)[0]).toEqual({ regions: ['4419', '440305'], sizes: [], industries: [], productLines: ['CRM'] });
  });

  it('offers every rep and manager of the team, members first with their settings, the others left out with defaults', () => {
    const users = [user('u1', '王强', 'rep', ['t1']), user('u2', '李娜', 'rep', ['t1'], true), user('u3', '周敏', 'manager', ['t1', 't2']), user('u4', '赵六', 'rep', ['t2']), user('a', '管理员', 'admin', [])];
    const rows = memberRows('t1', users, [{ userId: 'u3', role: 'field', capacity: 10, available: false }]);
    expect(rows.map((row) => [row.name, row.member, row.role, row.capacity, row.available, row.disabled])).toEqual([
      ['周敏', true, 'field', 10, false, false],
      ['李娜', false, 'inside', 50, true, true],
      ['王强', false, 'inside', 50, true, false],
    ]);
    const counted = rows.map((row) => (row.name === '王强' ? { ...row, member: true, role: 'field' as const, capacity: 30 } : row));
    expect(membersBody(counted)).toEqual({ members: [{ userId: 'u3', role: 'field', capacity: 10, available: false }, { userId: 'u1', role: 'field', capacity: 30, available: true }] });
    // The second member sent is the third row shown.
    expect(memberRowPointer('/members/1/userId', counted)).toBe('/members/2/userId');
    expect(memberRowPointer('/territories/0', counted)).toBe('/territories/0');
  });
});
