import { defineConfig } from 'vite';

// React without @vitejs/plugin-react: Vite's own transform compiles JSX (automatic runtime).
// The server serves dist/ at / with a Content-Security-Policy that allows no inline script, so
// the module-preload polyfill (an inline script) is left out: every browser the UI supports has
// module preloading.
export default defineConfig({
  build: {
    outDir: 'dist',
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      // TanStack Query marks its modules "use client" for server-component frameworks; a plain bundle drops it.
      onLog: (level, log, handle) => (log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handle(level, log)),
    },
  },
  server: {
    // `npm run dev -w @rampart/admin-ui` against a server started with `npm start`.
    proxy: { '/api': 'http://127.0.0.1:4000' },
  },
});
