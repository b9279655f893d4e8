import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // A poll waits up to 10 s (vitest's default is 1 s): a page on a loaded 2-core CI machine can take longer to settle.
    // A test that asserts nothing fails.
    expect: { poll: { timeout: 10_000 }, requireAssertions: true },
  },
});
