import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two groups, one after the other. First every suite but the browser journeys, at least two files at a time (vitest's
// default, one fewer than the cores, runs one at a time on CI's two): they wait on disks and child processes much of
// the time. Then the browser journeys, one at a time and alone: two Chromium pages at once, or one beside a busy
// suite, slow each other past the journeys' waits on a 2-core machine.
const shared = {
  testTimeout: 30_000,
  // Set-ups that create users hash their passwords: beside another file on a 2-core machine they can take longer than vitest's 10 s.
  hookTimeout: 30_000,
  // A poll waits up to 10 s (vitest's default is 1 s): a page on a loaded 2-core CI machine can take longer to settle.
  // A test that asserts nothing fails.
  expect: { poll: { timeout: 10_000 }, requireAssertions: true },
};

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          ...shared,
          name: 'suites',
          include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      { test: { ...shared, name: 'browser', include: ['test/browser/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
