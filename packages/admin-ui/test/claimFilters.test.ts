import { describe, expect, it } from 'vitest';
import type { ClaimRow } from '../src/pages/customers/claimFilters.js';
import { byProtectionLeft, daysLeft, expiringSoon, filterClaims, holdingStatus } from '../src/pages/customers/claimFilters.js';
import { pickedCustomer } from '../src/pages/customers/usePickedCustomer.js';

describe('days of protection left', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  it('counts whole days up, and never below zero', () => {
    expect(daysLeft('2026-12-23T08:00:00Z', now)).toBe(30);
    expect(daysLeft('2026-11-23T09:00:00Z', now)).toBe(1);
    expect(daysLeft('2026-11-20T08:00:00Z', now)).toBe(0);
  });
  it('has no end for assigned customers kept until the contract', () => {
    expect(daysLeft('9999-12-31T23:59:59.999Z', now)).toBeNull();
  });
});

// The My customers table's search and filters, as a rep with many customers uses them.
describe('the My customers filters', () => {
  const now = new Date('2026-11-23T08:00:00Z');
  const row = (customerName: string, extra: Partial<ClaimRow> = {}): ClaimRow => ({
    _id: customerName,
    customerId: `c-${customerName}`,
    customerName,
    grade: 'C',
    status: 'active',
    expiresAt: '2026-12-23T08:00:00Z',
    industry: 'software',
    region: '440305',
    ...extra,
  });
  const rows = [
    row('深圳星云数据有限公司', { expiresAt: '2026-11-26T08:00:00Z' }),
    row('Orbit Analytics Co., Ltd.', { grade: 'B', industry: 'trade', expiresAt: '2026-11-30T08:00:00Z' }),
    row('北辰软件有限公司', { grade: 'A', expiresAt: '2026-11-30T09:00:00Z' }),
    row('远航医疗器械有限公司', { industry: 'medical-devices', locked: true, expiresAt: '2026-11-24T08:00:00Z' }),
    row('青松贸易有限公司', { status: 'converted', industry: 'trade', expiresAt: '2026-11-24T08:00:00Z' }),
    row('长期客户有限公司', { expiresAt: '9999-12-31T23:59:59.999Z' }),
  ];
  const names = (filters: Parameters<typeof filterClaims>[1]) => filterClaims(rows, filters, now).map((claim) => claim.customerName);

  it('keeps every row when nothing is chosen', () => {
    expect(names({})).toHaveLength(rows.length);
    expect(names({ search: '  ', grades: [], industries: [], statuses: [] })).toHaveLength(rows.length);
  });

  it('searches part of the name, in any case', () => {
    expect(names({ search: '星云' })).toEqual(['深圳星云数据有限公司']);
    expect(names({ search: 'orbit' })).toEqual(['Orbit Analytics Co., Ltd.']);
    expect(names({ search: '不存在' })).toEqual([]);
  });

  it('"expiring within 7 days" keeps protected claims ending within a week, never a deal, a signed customer or one kept until signed', () => {
    expect(names({ expiringSoon: true })).toEqual(['深圳星云数据有限公司', 'Orbit Analytics Co., Ltd.']);
    expect(expiringSoon(rows[2]!, now)).toBe(false);
    expect(expiringSoon(rows[3]!, now)).toBe(false);
  });

  it('filters by grade, industry and status, each any of those chosen, all together', () => {
    expect(names({ grades: ['A', 'B'] })).toEqual(['Orbit Analytics Co., Ltd.', '北辰软件有限公司']);
    expect(names({ industries: ['trade'] })).toEqual(['Orbit Analytics Co., Ltd.', '青松贸易有限公司']);
    expect(names({ statuses: ['deal', 'converted'] })).toEqual(['远航医疗器械有限公司', '青松贸易有限公司']);
    expect(names({ industries: ['trade'], statuses: ['protected'], expiringSoon: true })).toEqual(['Orbit Analytics Co., Ltd.']);
  });

  it('reads a claim’s status, and orders by protection left, soonest first', () => {
    expect(rows.map(holdingStatus)).toEqual(['protected', 'protected', 'protected', 'deal', 'converted', 'protected']);
    expect([...rows].sort(byProtectionLeft).map((claim) => claim.customerName).at(-1)).toBe('长期客户有限公司');
    expect([...rows].sort(byProtectionLeft)[0]!.customerName).toBe('远航医疗器械有限公司');
  });
});

describe('the customer a link picks out', () => {
  it('reads the customer from a /my-customers?customer= link, and nothing from any other address', () => {
    expect(pickedCustomer('?customer=c-42')).toBe('c-42');
    expect(pickedCustomer('?customer=%E6%98%9F')).toBe('星');
    expect(pickedCustomer('')).toBeUndefined();
    expect(pickedCustomer('?other=1')).toBeUndefined();
  });
});
