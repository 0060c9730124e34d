import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

// Swagger UI's prebuilt files, which main.ts reads for /docs (see src/openapi/docs-page.ts for the
// choice), with the licences that go with them.
const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const DOCS_ASSETS = ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-bundle.js.LICENSE.txt', 'LICENSE', 'NOTICE'];

const copyBesideBundle = async () => {
  // The stores apply these at start-up; they sit beside the bundle.
  cpSync('src/store/sqlite/migrations', 'dist/migrations', { recursive: true });
  cpSync('src/store/postgres/postgres-migrations', 'dist/postgres-migrations', { recursive: true });
  for (const name of DOCS_ASSETS) cpSync(join(swaggerUi, name), join('dist/docs-assets', name));
};

// tsup reads this file's default export.
export default defineConfig([
  {
    // The library entries, for embedding: dependencies stay external.
    entry: { index: 'src/index.ts', node: 'src/node.ts', sqlite: 'src/sqlite.ts', postgres: 'src/postgres.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    onSuccess: copyBesideBundle,
  },
  {
    // The server binary: one file with its pure-JS dependencies inside, because loading a
    // few hundred small modules is most of a cold start. Only the native drivers stay out
    // (pg-native is pg's optional one, never installed here).
    entry: { main: 'src/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    minify: true,
    noExternal: [/^(?!(better-sqlite3|pg-native)$).*/],
    external: ['better-sqlite3', 'pg-native'],
    banner: {
      js: "import { createRequire as __rampartCreateRequire } from 'node:module'; const require = __rampartCreateRequire(import.meta.url);",
    },
    onSuccess: copyBesideBundle,
  },
]);
