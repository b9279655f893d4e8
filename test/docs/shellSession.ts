import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one block did: its standard output and error, and the status it ended the session with (0 when the session goes on). */
export interface BlockResult {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * One bash session for a page, as a reader's terminal: the blocks run in it one after
 * another, so a variable or a `cd` of one block holds in the next. It runs under
 * `set -euo pipefail`: the first command that fails ends the session, and that block
 * with it, with the command's status.
 */
export class ShellSession {
  private readonly bash: ChildProcessWithoutNullStreams;
  private seen = '';
  private exited: number | undefined;
  private readonly waiters = new Set<() => void>();
  private count = 0;

  constructor(
    private readonly dir: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd: dir, env });
    this.bash.stdout.on('data', (chunk: Buffer) => {
      this.seen += chunk.toString();
      this.notify();
    });
    this.bash.stderr.resume();
    this.bash.on('exit', (code, signal) => {
      this.exited = code ?? (signal ? 128 : 1);
      this.notify();
    });
    this.bash.stdin.write('set -euo pipefail\n');
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }

  /** Runs `code` in the session; its output goes to files beside it, read back when it is done. */
  async run(code: string, timeoutMs: number): Promise<BlockResult> {
    if (this.exited !== undefined) throw new Error(`the shell ended (status ${this.exited}) in an earlier block`);
    const n = ++this.count;
    const [script, out, err] = ['sh', 'out', 'err'].map((ext) => join(this.dir, '.docs-blocks', `block-${n}.${ext}`)) as [string, string, string];
    writeFileSync(script, `${code}\n`);
    writeFileSync(out, '');
    writeFileSync(err, '');
    const done = `__docs_block_done_${n}__`;
    this.bash.stdin.write(`source '${script}' > '${out}' 2> '${err}' < /dev/null\necho ${done}\n`);
    const status = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`the block did not finish within ${timeoutMs} ms:\n${readFileSync(err, 'utf8')}`));
      }, timeoutMs);
      const check = () => {
        if (this.seen.includes(done) || this.exited !== undefined) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(this.seen.includes(done) ? 0 : this.exited!);
        }
      };
      this.waiters.add(check);
      check();
    });
    return { stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8'), status };
  }

  /** Ends the session (and whatever it still runs). */
  close(): void {
    if (this.exited === undefined) this.bash.kill('SIGKILL');
  }
}
