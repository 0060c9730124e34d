import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads this file's default export; it is a tool config, not library code.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/postgres/schema.ts',
  out: './src/store/postgres/postgres-migrations',
});
