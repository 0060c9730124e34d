import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Property tests run thousands of cases; on a loaded 2-core machine they have taken 9 s.
    testTimeout: 20_000,
    // The package-exports test loads the build from node_modules, not the sources.
    server: { deps: { external: [/packages\/core\/dist/] } },
  },
});
