import { spawn } from 'node:child_process';

/**
 * Runs a writer script (`node <script> <args…>`) and kills it with SIGKILL once
 * `enough(lines)` says so: the lines it printed, each an acknowledged write.
 * Rejects if the writer ends by itself.
 */
export function runUntilKilled(script: string, args: string[], enough: (lines: readonly string[]) => boolean): Promise<string[]> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const complete = buffer.split('\n');
      buffer = complete.pop() ?? '';
      lines.push(...complete);
      if (enough(lines) && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(lines) : reject(new Error(`the writer ended without SIGKILL: ${stderr}`))));
  });
}
