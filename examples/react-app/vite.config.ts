import { defineConfig } from 'vite';

// React without @vitejs/plugin-react: Vite's own transform compiles JSX (automatic runtime),
// which is all this example needs (no fast refresh).
export default defineConfig(({ isSsrBuild }) => ({
  build: {
    // `vite build` builds the browser side; `vite build --ssr` the Node side: the page server
    // (`npm start`) and the setup script (`npm run setup`).
    outDir: isSsrBuild ? 'dist/server' : 'dist/client',
    rollupOptions: {
      ...(isSsrBuild && { input: { server: 'src/server.tsx', setup: 'src/setup.ts' } }),
      // The SDK's "use client" marks it for server-component frameworks; a plain bundle drops it.
      onLog: (level, log, handle) => (log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handle(level, log)),
    },
  },
}));
