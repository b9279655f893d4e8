import { describe, expect, it } from 'vitest';
import type { ScreenSpec } from '../src/shell/screenSpec.js';
import { screenAt, screensFor } from '../src/shell/screenSpec.js';

const screen = (key: string, roles: ScreenSpec['roles']): ScreenSpec => ({ key, label: 'rules', section: 'section.settings', icon: null, roles, render: () => null });
const TABLE = [screen('register', ['rep']), screen('rules', ['admin']), screen('queues', ['admin', 'manager']), screen('my-customers', ['rep'])];

describe('the screen table', () => {
  it("gives each role its own screens in the table's order, and an unknown role none", () => {
    expect(screensFor(TABLE, 'rep').map((s) => s.key)).toEqual(['register', 'my-customers']);
    expect(screensFor(TABLE, 'admin').map((s) => s.key)).toEqual(['rules', 'queues']);
    expect(screensFor(TABLE, 'manager').map((s) => s.key)).toEqual(['queues']);
    expect(screensFor(TABLE, 'auditor')).toEqual([]);
  });

  it("finds the screen an address names, and sends any other address to the role's home", () => {
    const rep = screensFor(TABLE, 'rep');
    expect(screenAt(rep, '/my-customers')?.key).toBe('my-customers');
    expect(screenAt(rep, '/my-customers/')?.key).toBe('my-customers');
    expect(screenAt(rep, '/')?.key).toBe('register');
    // Another role's screen, or no screen at all: home.
    expect(screenAt(rep, '/rules')?.key).toBe('register');
    expect(screenAt(rep, '/nowhere/at/all')?.key).toBe('register');
    expect(screenAt([], '/rules')).toBeUndefined();
  });
});
