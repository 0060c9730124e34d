import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // `npm test` runs every package's tests at once, on two cores in CI: timeouts catch hangs,
    // not slowness (core's test-budget.test.ts).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
