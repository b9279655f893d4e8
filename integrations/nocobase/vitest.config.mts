import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// NocoBase is CommonJS: its test tool's ESM entry names a file it does not ship, so it is read from its CommonJS build.
export default defineConfig({
  // The client's TSX as its bundle compiles it (vite.client.config.mts): React.createElement, React from the host.
  esbuild: { jsx: 'transform', jsxFactory: 'React.createElement', jsxFragment: 'React.Fragment' },
  resolve: {
    alias: {
      '@nocobase/test': require.resolve('@nocobase/test'),
      // The host app's module, not installable here: a test mocks it (test/nocobaseClientAbsent.ts says so when one does not).
      '@nocobase/client': fileURLToPath(new URL('./test/nocobaseClientAbsent.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files share one database on PostgreSQL: one at a time.
    fileParallelism: false,
    server: { deps: { external: [/packages\/server\/dist/, /packages\/engine\/dist/] } },
  },
});
