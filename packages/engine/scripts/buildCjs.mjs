// The CommonJS build, for hosts that `require` the engine: one bundle per entry point under dist/cjs,
// dependencies left as requires. The ES module build is tsc's, in dist.
import { build } from 'esbuild';

const entries = { index: 'src/index.ts', identifiers: 'src/identifiers/index.ts', words: 'src/words.ts', editing: 'src/editing.ts', patterns: 'src/patterns.ts' };
await build({
  entryPoints: entries,
  outdir: 'dist/cjs',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // The schema is found relative to the module, as in the ES module build (dist/cjs is as deep as dist/format).
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
  logLevel: 'warning',
});
