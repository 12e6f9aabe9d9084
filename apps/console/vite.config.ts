import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = resolve(__dirname, '../..');

// The browser-safe entry points of the libs (docs/console.md): types and pure modules only.
export default defineConfig({
  root: __dirname,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@exchange/sdk/browser': resolve(root, 'libs/sdk/src/browser.ts'),
      '@exchange/platform/messages': resolve(root, 'libs/platform/src/i18n/messages.ts'),
      '@exchange/data/enums': resolve(root, 'libs/data/src/enums.ts'),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1024 },
  // `vite` in development: the console server (npm start) answers /api and /session.
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000', '/session': 'http://127.0.0.1:3000' } },
});
