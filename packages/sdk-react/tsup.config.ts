import { defineConfig } from 'tsup';

// tsup reads this file's default export.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2020',
  // Server components frameworks (Next.js) must treat the hooks and the provider as client code.
  banner: { js: '"use client";' },
});
