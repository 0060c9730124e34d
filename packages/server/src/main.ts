#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { createApp } from './app.js';
import { bootstrap, type AdminKeyOutcome } from './bootstrap.js';
import { parseConfig } from './config.js';
import { systemClock } from './deps.js';
import { createMemoryBus } from './bus/memory-bus.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';

// The only place that reads the environment, opens the database and listens.
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = pino({ level: config.logLevel, base: { service: 'rampart' } });
  const store = createSqliteStore({ filename: config.sqliteFile });
  const deps = {
    store,
    bus: createMemoryBus((error) => logger.error({ err: error }, 'a change listener failed')),
    clock: systemClock,
    logger,
    random: (bytes: Uint8Array) => crypto.getRandomValues(bytes),
    maxBodyBytes: config.maxBodyBytes,
    info: { version: packageJson.version, commit: config.commit },
  };
  const { adminKey } = await bootstrap(deps, { adminToken: config.adminToken });
  const app = createApp(deps);

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (address) => {
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    process.stdout.write(banner(url, adminKey));
    logger.info({ url, database: config.sqliteFile }, 'listening');
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Stop accepting, let in-flight requests finish, then close the database.
    server.close(() => {
      void store.close().then(() => {
        logger.info({}, 'stopped');
        process.exit(0);
      });
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function banner(url: string, adminKey: AdminKeyOutcome): string {
  const lines = [`Rampart is listening on ${url}`, `  API docs: ${url}/docs`];
  if (adminKey.source === 'generated') {
    lines.push(`  Admin key (shown once; store it now): ${adminKey.secret}`);
  } else if (adminKey.source === 'token') {
    lines.push('  Admin key: the value of RAMPART_ADMIN_TOKEN');
  } else if (adminKey.tokenIgnored) {
    lines.push('  RAMPART_ADMIN_TOKEN is ignored: this database already has keys (create more with POST /api/v1/keys)');
  } else {
    lines.push('  Admin key: use the one printed when this database was first created');
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error: unknown) => {
  process.stderr.write(`rampart: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
