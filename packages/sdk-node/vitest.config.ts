import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // `npm test` runs every package's tests at once, on two cores in CI, and these start real
    // servers and processes: timeouts catch hangs, not slowness (core's test-budget.test.ts).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
