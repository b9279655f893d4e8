import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// `<RegistrationForm>` for hosts built with React: one ES module, React left to the host.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist-lib',
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: resolve(import.meta.dirname, 'src/embed/RegistrationForm.tsx'), formats: ['es'], fileName: () => 'registration-form.js' },
    rollupOptions: { external: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime'] },
  },
});
