import { describe, expect, it } from 'vitest';
import { daysLeft } from '../src/pages/customers/MyCustomersPage.js';

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
