import { defineConfig } from 'vite';

/**
 * The client bundle NocoBase's admin app loads: `dist/client/index.js`, a UMD
 * module that RequireJS (the app's loader) defines from its URL. React, antd,
 * Formily, react-i18next, `@nocobase/client` and the workflow plugin's client
 * are the app's own modules (its `define(name, …)`), so they stay out of the
 * bundle and are asked for by name.
 */
export const CLIENT_EXTERNALS = ['react', 'react-dom', 'antd', 'react-i18next', '@formily/antd-v5', '@nocobase/client', '@nocobase/plugin-workflow/client'];

export default defineConfig({
  esbuild: { jsx: 'transform', jsxFactory: 'React.createElement', jsxFragment: 'React.Fragment' },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    lib: { entry: 'src/client/index.tsx', formats: ['umd'], name: '@crm-policy/plugin-nocobase', fileName: () => 'index.js' },
    rollupOptions: {
      external: CLIENT_EXTERNALS,
      output: { exports: 'named', globals: Object.fromEntries(CLIENT_EXTERNALS.map((name) => [name, name])) },
    },
  },
});
