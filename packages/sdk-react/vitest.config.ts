import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `track` imports the main entry by name (so that an application has one of it): the sources, in tests.
  resolve: {
    alias: [{ find: /^@rampart\/sdk-react$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }],
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    // `npm test` runs every package's tests at once, on two cores in CI: timeouts catch hangs,
    // not slowness (core's test-budget.test.ts).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
