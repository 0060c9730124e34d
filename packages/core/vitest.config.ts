import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // `npm test` runs every package's tests at once, on two cores in CI: a test that takes 1 s
    // alone can take 9 s there. Timeouts catch hangs, not slowness (test-budget.test.ts).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The package-exports test loads the build from node_modules, not the sources.
    server: { deps: { external: [/packages\/core\/dist/] } },
  },
});
