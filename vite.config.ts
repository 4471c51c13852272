import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The SPA lives in web/ and builds into dist/web, which the API server serves with an SPA fallback. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
