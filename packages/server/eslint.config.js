import { builtinModules } from 'node:module';
import root from '../../eslint.config.js';

// The app must run on any runtime Hono supports: only main.ts, the SQLite driver and tests
// may reach Node built-ins or Node-only packages.
const nodeOnly = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'better-sqlite3',
  'drizzle-orm/better-sqlite3',
  'drizzle-orm/better-sqlite3/migrator',
  'pino',
  '@hono/node-server',
];

export default [
  ...root,
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/sqlite.ts', 'src/store/sqlite/**', 'src/**/*.test.ts', 'src/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nodeOnly.map((name) => ({ name, message: 'Inject it through createApp deps; only main.ts and store/sqlite may import Node-only modules.' })) },
      ],
    },
  },
  {
    files: ['*.config.ts', 'src/store/sqlite/drizzle.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
