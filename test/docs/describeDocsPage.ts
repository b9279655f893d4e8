import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer } from './docsServer.js';
import type { DocsServer } from './docsServer.js';
import { matchOutput } from './matchOutput.js';
import { ShellSession } from './shellSession.js';
import { shellBlocks } from './shellBlocks.js';

/** The repository the docs describe. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where a page's blocks run, and what they may use. */
export interface DocsContext {
  server: DocsServer;
  /** The reader's working copy: the repository's code and docs (linked) and a copy of `rules/` (so a block that writes rule files writes there). */
  checkout: string;
  /** A scratch folder of the page's own, outside the checkout. */
  scratch: string;
}

export interface DocsPageOptions {
  /** Variables the page tells the reader to set, for the server and the shell; `DATA_DIR` is always a fresh folder outside the checkout. */
  env?: (scratch: string) => Record<string, string>;
  /** Load the demo organisation (`npm run seed:demo`) before the server starts. */
  seedDemo?: boolean;
  /** What the page assumes done beforehand (an admin's API key, a rep): variables for the shell. */
  prepare?: (context: DocsContext) => Promise<Record<string, string>>;
  /** Text of the page that stands for this machine, replaced in each block before it runs. `localhost:3000` always becomes the page's server. */
  replace?: (context: DocsContext) => Array<[string, string]>;
  /** Checks once every block ran. */
  after?: (context: DocsContext) => void;
}

const LINKED = ['node_modules', 'packages', 'docs', 'schemas', 'examples', 'scripts'];
const BLOCK_TIMEOUT_MS = 60_000;

/**
 * The test of one docs page: every shell block in it runs, in order, in one bash session
 * (`set -euo pipefail`) against a fresh server with the page's variables, and what a block
 * prints must match the ```text output block under it (`matchOutput`). Blocks marked
 * `<!-- not run: reason -->` must give the reason, which the run prints.
 */
export function describeDocsPage(page: string, options: DocsPageOptions = {}): void {
  const blocks = shellBlocks(readFileSync(join(ROOT, page), 'utf8'));
  describe(page, () => {
    let context: DocsContext;
    let shell: ShellSession;
    let env: NodeJS.ProcessEnv;
    let replacements: Array<[string, string]> = [];

    beforeAll(async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'crm-policy-docs-'));
      const checkout = join(scratch, 'checkout');
      mkdirSync(join(checkout, '.docs-blocks'), { recursive: true });
      for (const name of LINKED) symlinkSync(join(ROOT, name), join(checkout, name));
      cpSync(join(ROOT, 'rules'), join(checkout, 'rules'), { recursive: true });
      copyFileSync(join(ROOT, 'package.json'), join(checkout, 'package.json'));
      env = { PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8', DATA_DIR: join(scratch, 'store'), ...options.env?.(scratch) };
      const server = await startDocsServer(ROOT, checkout, env, { seedDemo: options.seedDemo ?? false });
      context = { server, checkout, scratch };
      const prepared = (await options.prepare?.(context)) ?? {};
      replacements = [['localhost:3000', `localhost:${server.port}`], ...(options.replace?.(context) ?? [])];
      shell = new ShellSession(checkout, { ...env, ...prepared });
    }, 120_000);

    afterAll(async () => {
      shell?.close();
      await context?.server.stop();
      if (context) rmSync(context.scratch, { recursive: true, force: true });
    }, 30_000);

    it('has shell blocks, each run or marked not run with its reason', () => {
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) if (block.notRun !== undefined) expect(block.notRun, `${page} line ${block.line}: say why it is not run`).not.toBe('');
    });

    for (const block of blocks) {
      const title = `line ${block.line}: ${block.code.split('\n').find((l) => l.trim() !== '' && !l.startsWith('#')) ?? ''}`;
      // Marked not run: checked above for its reason, and named in the run's output, not counted as a test.
      if (block.notRun !== undefined) {
        console.info(`${page} ${title}: not run (${block.notRun})`);
        continue;
      }
      it(title, async () => {
        if (block.serverStopped) await context.server.stop();
        const code = replacements.reduce((text, [from, to]) => text.split(from).join(to), block.code);
        const result = await shell.run(code, BLOCK_TIMEOUT_MS);
        const shown = `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
        expect(result.status, `${page} line ${block.line} failed with status ${result.status}\n${shown}\n--- server\n${context.server.output().slice(-3000)}`).toBe(0);
        if (block.expectedOutput !== undefined) {
          expect(matchOutput(block.expectedOutput, result.stdout), `${page} line ${block.line} printed what the page does not show:\n--- the page\n${block.expectedOutput}\n${shown}`).toBe(true);
        }
      }, BLOCK_TIMEOUT_MS + 5_000);
    }

    if (options.after) it('leaves things as the page says', () => options.after!(context));
  });
}
