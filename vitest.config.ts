import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // At least two files at a time (vitest's default, one fewer than the cores, runs one at a time on CI's two): the
    // suites wait on disks, child processes and Chromium much of the time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    // Set-ups that create users hash their passwords: beside another file on a 2-core machine they can take longer than vitest's 10 s.
    hookTimeout: 30_000,
    // A poll waits up to 10 s (vitest's default is 1 s): a page on a loaded 2-core CI machine can take longer to settle.
    // A test that asserts nothing fails.
    expect: { poll: { timeout: 10_000 }, requireAssertions: true },
  },
});
