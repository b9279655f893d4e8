import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Two files at a time on CI's two cores (vitest's default leaves one of two cores to itself): the suites wait on
    // disks, child processes and Chromium much of the time.
    maxWorkers: 2,
    testTimeout: 30_000,
    // Set-ups that create users hash their passwords: beside another file on a 2-core machine they can take longer than vitest's 10 s.
    hookTimeout: 30_000,
    // A poll waits up to 10 s (vitest's default is 1 s): a page on a loaded 2-core CI machine can take longer to settle.
    // A test that asserts nothing fails.
    expect: { poll: { timeout: 10_000 }, requireAssertions: true },
  },
});
