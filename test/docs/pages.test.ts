import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './describeDocsPage.js';
import { shellBlocks } from './shellBlocks.js';

// Every page with shell blocks has its test file, named after it: README.md → test/docs/readme.test.ts, docs/x.md → test/docs/x.test.ts.
const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('docs pages with shell blocks', () => {
  for (const page of pages) {
    const blocks = shellBlocks(readFileSync(join(ROOT, page), 'utf8'));
    if (blocks.length === 0) continue;
    const testFile = `test/docs/${basename(page, '.md').toLowerCase()}.test.ts`;
    it(`${page} is run by ${testFile}`, () => {
      expect(existsSync(join(ROOT, testFile)), `${page} has ${blocks.length} shell blocks and no ${testFile}`).toBe(true);
      expect(readFileSync(join(ROOT, testFile), 'utf8')).toContain(`describeDocsPage('${page}'`);
    });
  }
});
