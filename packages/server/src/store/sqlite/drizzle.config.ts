import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads this file's default export; it is a tool config, not library code.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/store/sqlite/schema.ts',
  out: './src/store/sqlite/migrations',
});
