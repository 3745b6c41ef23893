// Builds the back-office console into static files that the back-office API serves at `/` (bin/build.js passes
// --outDir dist/backoffice-web). `npm run console:dev` serves it with hot reload and proxies the API to
// BACKOFFICE_URL (default http://localhost:3001, i.e. a running `npm start`).
import { defineConfig } from 'vite';

const backoffice = process.env.BACKOFFICE_URL ?? 'http://localhost:3001';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: { outDir: '../../dist/backoffice-web', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': backoffice, '/admin': backoffice, '/dev': backoffice } },
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
