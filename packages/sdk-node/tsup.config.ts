import { defineConfig } from 'tsup';

// tsup reads this file's default export.
export default defineConfig({
  entry: { index: 'src/index.ts', openfeature: 'src/openfeature.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
