#!/usr/bin/env node
// The last step of the server's build: its OpenAPI document must be the one the API client was
// generated from (packages/api-client/openapi.json), so a route changed without regenerating the
// client fails the build, and the CLI and the web UI never call an API the server does not serve.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { createApp, createMemoryBus, createSilentLogger, systemClock } from '../dist/index.js';
import { createSqliteStore } from '../dist/sqlite.js';

const require = createRequire(import.meta.url);
const { version } = require('../package.json');
const committed = JSON.parse(readFileSync(require.resolve('@rampart/api-client/openapi.json'), 'utf8'));
const store = createSqliteStore({ filename: ':memory:' });
try {
  const app = createApp({
    store,
    bus: createMemoryBus(),
    clock: systemClock,
    logger: createSilentLogger(),
    info: { version },
  });
  const served = await (await app.request('/openapi.json')).json();
  if (!isDeepStrictEqual(served, committed)) {
    process.stderr.write(
      '@rampart/server: the OpenAPI document differs from the one @rampart/api-client was generated from.\n' +
        'Run `npm run generate -w @rampart/api-client`, then fix what no longer type-checks in the CLI and the web UI.\n',
    );
    process.exitCode = 1;
  }
} finally {
  await store.close();
}
