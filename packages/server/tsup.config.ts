import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

const copyMigrations = async () => {
  // The SQLite store applies these at start-up; they sit beside the bundle.
  cpSync('src/store/sqlite/migrations', 'dist/migrations', { recursive: true });
};

// tsup reads this file's default export.
export default defineConfig([
  {
    // The library entries, for embedding: dependencies stay external.
    entry: { index: 'src/index.ts', sqlite: 'src/sqlite.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    onSuccess: copyMigrations,
  },
  {
    // The server binary: one file with its pure-JS dependencies inside, because loading a
    // few hundred small modules is most of a cold start. Only the native driver stays out.
    entry: { main: 'src/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    minify: true,
    noExternal: [/^(?!better-sqlite3$).*/],
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __rampartCreateRequire } from 'node:module'; const require = __rampartCreateRequire(import.meta.url);" },
    onSuccess: copyMigrations,
  },
]);
