import { defineConfig } from 'tsup';

// tsup reads this file's default export. One entry, split at each command's dynamic import, so
// `rampart --help` loads only the program's outline.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
