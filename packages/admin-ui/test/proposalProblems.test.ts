import { describe, expect, it } from 'vitest';
import { placeProblems } from '../src/pages/reassignment/proposalProblems.js';

describe('where a reassignment problem is shown', () => {
  it('puts each problem next to the field its path names, and nothing at the foot when every problem has a field', () => {
    const placed = placeProblems('请求内容有误', [
      { path: '/customerId', message: '该客户目前没有人持有' },
      { path: '/toTeamId', message: '没有这个团队' },
      { path: '/territories/0/regions/1', message: '不是有效的行政区划' },
    ]);
    expect(placed).toEqual({ byField: { customer: '该客户目前没有人持有', team: '没有这个团队', regions: '不是有效的行政区划' } });
  });

  it('keeps the first problem of a field, and shows what belongs to no field with the answer’s message', () => {
    const placed = placeProblems('The request has invalid fields', [
      { path: '/repId', message: 'no such user' },
      { path: '/repId', message: 'second' },
      { path: '/kind', message: 'must be one of customer, book, territory' },
    ]);
    expect(placed.byField).toEqual({ rep: 'no such user' });
    expect(placed.page).toBe('The request has invalid fields; must be one of customer, book, territory');
  });

  it('shows a refusal without details at the foot of the form', () => {
    expect(placeProblems('您只能调整自己团队的客户', [])).toEqual({ byField: {}, page: '您只能调整自己团队的客户' });
  });

  it('does not take a path that only begins like a field’s', () => {
    expect(placeProblems('错误', [{ path: '/teamIdentity', message: '其他' }], '；')).toEqual({ byField: {}, page: '错误；其他' });
  });
});
