import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// NocoBase is CommonJS: its test tool's ESM entry names a file it does not ship, so it is read from its CommonJS build.
export default defineConfig({
  resolve: { alias: { '@nocobase/test': require.resolve('@nocobase/test') } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one database on PostgreSQL: one at a time.
    fileParallelism: false,
    server: { deps: { external: [/packages\/server\/dist/, /packages\/engine\/dist/] } },
  },
});
