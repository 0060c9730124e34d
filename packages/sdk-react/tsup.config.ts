import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

// tsup reads this file's default export.
export default defineConfig({
  entry: { index: 'src/index.ts', track: 'src/track.ts' },
  format: ['esm', 'cjs'],
  // `track` imports the main entry by its name, so that an application has one of it (one React
  // context, one provider): kept external, and typed from the sources while both are built.
  external: ['@rampart/sdk-react'],
  dts: {
    compilerOptions: { paths: { '@rampart/sdk-react': [fileURLToPath(new URL('./src/index.ts', import.meta.url))] } },
  },
  sourcemap: true,
  clean: true,
  target: 'es2020',
  // Server components frameworks (Next.js) must treat the hooks and the provider as client code.
  banner: { js: '"use client";' },
});
