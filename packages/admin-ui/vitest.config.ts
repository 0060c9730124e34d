import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The screens' pure logic (filters, forms' rules, formatting), in plain .ts beside each screen.
    include: ['src/**/*.test.ts'],
    // `npm test` runs every package's tests at once, on two cores in CI: timeouts catch hangs, not slowness.
    testTimeout: 30_000,
  },
});
