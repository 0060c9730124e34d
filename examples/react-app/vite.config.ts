import { defineConfig } from 'vite';

// React without @vitejs/plugin-react: Vite's own transform compiles JSX (automatic runtime),
// which is all this example needs (no fast refresh).
export default defineConfig({
  build: {
    outDir: 'dist/client',
    rollupOptions: {
      // The SDK's "use client" marks it for server-component frameworks; a plain bundle drops it.
      onLog: (level, log, handle) => (log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handle(level, log)),
    },
  },
});
