import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server serves the build from dist/ at `/`; in development the API is proxied to it.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: { outDir: 'dist', sourcemap: true },
});
