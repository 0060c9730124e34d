import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', stream: 'src/stream.ts', sdk: 'src/sdk.ts', testing: 'src/testing.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
