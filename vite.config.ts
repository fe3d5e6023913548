import react from '@vitejs/plugin-react';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  css: {
    // Styles live beside their components as CSS Modules; the class names stay readable (`Reader__toolbar`)
    // in development and in the build alike, so the e2e screenshots and the devtools read the same.
    modules: {
      localsConvention: 'camelCase',
      generateScopedName: (local: string, file: string) => `${basename(file).replace(/\.module\.css(\?.*)?$/, '')}__${local}`,
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: false,
    reportCompressedSize: false,
    // pdf.js's worker (≈ 1.3 MB) is its own file, loaded only when a PDF is opened; the size of what
    // the first screen loads is watched by `npm run bench` (gzip budget), not by this warning.
    chunkSizeWarningLimit: 1400,
  },
});
