import { builtinModules } from 'node:module';
import root from '../../eslint.config.js';

// The app must run on any runtime Hono supports: only main.ts, node.ts, process-metrics.ts, the SQLite and PostgreSQL
// stores, the Redis bus, the webhooks' HTTP sender (which main.ts hands to the dispatcher) and tests may reach Node
// built-ins or Node-only packages.
const nodeOnly = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'better-sqlite3',
  'drizzle-orm/better-sqlite3',
  'drizzle-orm/better-sqlite3/migrator',
  'pg',
  'drizzle-orm/node-postgres',
  'drizzle-orm/node-postgres/migrator',
  'ioredis',
  'pino',
  '@hono/node-server',
  'prom-client',
];

export default [
  ...root,
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/main.ts',
      'src/node.ts',
      'src/process-metrics.ts',
      'src/sqlite.ts',
      'src/store/sqlite/**',
      'src/postgres.ts',
      'src/store/postgres/**',
      'src/bus/redis-bus.ts',
      'src/outbound/send-request.ts',
      'src/**/*.test.ts',
      'src/test-support/**',
      'src/**/samples/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.map((name) => ({
            name,
            message:
              'Inject it through createApp deps; only main.ts, node.ts, the stores and the Redis bus may import Node-only modules.',
          })),
        },
      ],
    },
  },
  {
    files: ['*.config.ts', 'src/store/*/drizzle.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
];
