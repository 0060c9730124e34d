import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The package-exports test loads the build from node_modules, not the sources.
    server: { deps: { external: [/packages\/core\/dist/] } },
  },
});
