import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES } from '../src/client/locale.js';

const clientDir = join(__dirname, '../src/client');

/** Every catalogue key the client's sources use: `t('…')`, `schemaText('…')` and the `label: '…'` keys of its option lists. */
function usedKeys(): string[] {
  const keys = new Set<string>();
  for (const file of readdirSync(clientDir).filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts') && name !== 'locale.ts')) {
    const source = readFileSync(join(clientDir, file), 'utf8');
    for (const match of source.matchAll(/\b(?:t|schemaText)\(\s*'((?:[^'\\]|\\.)+)'/g)) keys.add(match[1]!.replace(/\\'/g, "'"));
    for (const match of source.matchAll(/label: '([^']+)'/g)) keys.add(match[1]!);
  }
  return [...keys].sort();
}

describe('the client catalogue', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    expect(Object.keys(CLIENT_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(CLIENT_MESSAGES['en-US']).sort());
    for (const messages of Object.values(CLIENT_MESSAGES)) expect(Object.values(messages).filter((text) => !text.trim())).toEqual([]);
  });

  it('has every key the settings page and the node form use', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(30);
    expect(used.filter((key) => !(key in CLIENT_MESSAGES['zh-CN']))).toEqual([]);
  });
});
