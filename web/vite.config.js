import { defineConfig } from 'vite';

// npm run build -> dist/, which thaw serve serves. `npm run dev` proxies the API to a running
// `thaw serve` on the default port.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8053' } },
});
