import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// Every program in the docs (a ```js example or ```js example-cjs block) runs, and prints what the ```text output block after it says.
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const programs = pages.flatMap((page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');
  return [...text.matchAll(/```js (example|example-cjs)\n([\s\S]*?)```\s*```text output\n([\s\S]*?)```/g)].map((match, i) => ({
    name: `${page} program ${i + 1}`,
    extension: match[1] === 'example' ? 'mjs' : 'cjs',
    source: match[2]!,
    output: match[3]!,
  }));
});
// The programs run from a folder inside the repository, as a host's code would sit beside its node_modules.
const folder = mkdtempSync(join(ROOT, '.docs-examples-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('programs in the docs', () => {
  it('exist', () => {
    expect(programs.length).toBeGreaterThanOrEqual(2);
  });

  for (const program of programs) {
    it(`${program.name} prints what the docs say`, async () => {
      const file = join(folder, `program-${programs.indexOf(program)}.${program.extension}`);
      writeFileSync(file, program.source);
      const { stdout } = await promisify(execFile)(process.execPath, [file], { cwd: folder, timeout: 60_000 });
      expect(stdout).toBe(program.output);
    }, 60_000);
  }
});
