import { defineConfig } from 'vite';

// The gateway serves the built files; during `npm run dev` the Vite server (5173, the
// gateway's default CORS origin) proxies the API and the socket to the gateway.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', sourcemap: false, target: 'es2022' },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
} as never);
