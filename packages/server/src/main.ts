#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import packageJson from '../package.json' with { type: 'json' };
import { createApp } from './app.js';
import { bootstrap, type AdminKeyOutcome } from './bootstrap.js';
import { parseConfig, type DatabaseConfig, type ServerConfig } from './config.js';
import { systemClock } from './base/clock.js';
import { cryptoRandom } from './base/random.js';
import type { ChangeBus } from './bus/bus.js';
import { createMemoryBus } from './bus/memory-bus.js';
import { createDelivery } from './delivery/index.js';
import { createRedisBus } from './bus/redis-bus.js';
import type { Logger } from './base/logger.js';
import type { DocsAssets } from './openapi/index.js';
import type { UiAssets } from './web-ui/index.js';
import { createPostgresStore } from './store/postgres/postgres-store.js';
import { createSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import { nodeClientAddress, nodeFetch } from './node.js';
import { recoverAdminKey } from './recover-admin-key.js';
import { createMetricsRegistry } from './metrics/registry.js';
import { createGuardCollector, createReleaseScheduler } from './release-plans/index.js';
import { includeProcessMetrics } from './process-metrics.js';
import { createSender } from './outbound/index.js';
import { createWebhookDispatcher } from './webhooks/index.js';
import { createUser } from './people/index.js';
import { DEFAULT_PASSWORD_COST } from './auth/passwords.js';
import { DEFAULT_SESSION_TTL_MS } from './deps.js';

// The only place that reads the environment, opens the database and listens.
const SHUTDOWN_DEADLINE_MS = 10_000;
/** How long a shutdown waits for webhook requests under way. */
const WEBHOOK_GRACE_MS = 2_000;

const USAGE = `Usage:
  rampart-server                                  start the server (configured by environment variables)
  rampart-server create-admin-key [--name NAME]   add an admin key to the database that DATABASE_URL names,
                                                  print it once and audit it; for when every admin key is lost
  rampart-server create-admin-user --email EMAIL [--name NAME]
                                                  add an admin person to that database and print their one-time
                                                  invitation to set a password (docs/people.md)
`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, email: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    return;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) return serveApp();
  if (command === 'create-admin-key' && rest.length === 0) return createAdminKey(values.name ?? 'recovery');
  if (command === 'create-admin-user' && rest.length === 0 && values.email !== undefined)
    return createAdminUser(values.email, values.name ?? values.email);
  throw new Error(`unknown command '${positionals.join(' ')}'\n${USAGE}`);
}

async function createAdminUser(email: string, name: string): Promise<void> {
  const config = parseConfig(process.env);
  const logger = pino({ level: config.logLevel, base: { service: 'rampart' } }, pino.destination(2));
  const store = await openStore(config, logger, false);
  try {
    const deps = { store, bus: createMemoryBus(), clock: systemClock, logger, random: cryptoRandom };
    const actor = { name: 'rampart-server create-admin-user', via: 'system' as const };
    const { user, invitation } = await createUser(
      {
        ...deps,
        passwordCost: DEFAULT_PASSWORD_COST,
        sessionTtlMs: DEFAULT_SESSION_TTL_MS,
        publicUrl: config.publicUrl,
      },
      actor,
      { email, name, role: 'admin' },
    );
    const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
    process.stderr.write(`Created admin ${user.email} (id ${user.id}) in ${describeDatabase(config.database)}.\n`);
    process.stderr.write(
      `The invitation works once, until ${invitation.expiresAt}. Open this page in a browser to set the password:\n`,
    );
    process.stdout.write(`${base}/invitation#${invitation.token}\n`);
    process.stderr.write('or, without the web UI:\n');
    process.stdout.write(
      `curl -X POST ${base}/api/v1/invitations/${invitation.token} -H 'Content-Type: application/json' -d '{"password":"<at least 12 characters>"}'\n`,
    );
  } finally {
    await store.close();
  }
}

async function createAdminKey(name: string): Promise<void> {
  const config = parseConfig(process.env);
  const logger = pino({ level: config.logLevel, base: { service: 'rampart' } }, pino.destination(2));
  const store = await openStore(config, logger, false);
  try {
    const deps = { store, bus: createMemoryBus(), clock: systemClock, logger, random: cryptoRandom };
    const { record, secret } = await recoverAdminKey(deps, name);
    process.stderr.write(
      `Created admin key '${record.name}' (id ${record.id}) in ${describeDatabase(config.database)}.\n`,
    );
    process.stderr.write('Shown once; store it now:\n');
    process.stdout.write(`${secret}\n`);
  } finally {
    await store.close();
  }
}

async function serveApp(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = pino({ level: config.logLevel, base: { service: 'rampart' } });
  const store = await openStore(config, logger, true);
  const deps = {
    store,
    bus: await openBus(config, logger),
    clock: systemClock,
    logger,
    random: cryptoRandom,
    sha256Hex: (text: string) => createHash('sha256').update(text).digest('hex'),
    maxBodyBytes: config.maxBodyBytes,
    corsOrigins: config.corsOrigins,
    info: { version: packageJson.version, commit: config.commit },
    publicUrl: config.publicUrl,
    webhookAllowPrivateNetworks: config.webhookAllowPrivateNetworks,
    triggerRateLimit: config.triggerRateLimit,
    // The socket's address: behind a proxy, every client shares the proxy's (docs/people.md).
    clientAddress: nodeClientAddress,
    sso: config.sso,
  };
  const { adminKey } = await bootstrap(deps, { adminToken: config.adminToken });
  const delivery = createDelivery({ store, bus: deps.bus, logger, convergenceMs: config.convergenceMs });
  const metrics = createMetricsRegistry();
  includeProcessMetrics(metrics);
  // The guards' counts: the routes gather them, this instance's scheduler weighs them.
  const guards = createGuardCollector({ clock: deps.clock, delivery });
  const app = createApp({
    ...deps,
    delivery,
    guards,
    metrics,
    docsAssets: readDocsAssets(logger),
    uiAssets: readUiAssets(logger),
  });
  // Every instance ticks; each step is claimed in the transaction that applies it.
  const releases = createReleaseScheduler({ ...deps, guards });
  releases.start();
  // Every instance sends the webhooks' outbox; each delivery is claimed before it is sent.
  const send = createSender({
    timeoutMs: config.webhookTimeoutMs,
    maxResponseBytes: 64 * 1024,
    allowPrivateNetworks: config.webhookAllowPrivateNetworks,
  });
  const webhooks = createWebhookDispatcher(deps, {
    send,
    timeoutMs: config.webhookTimeoutMs,
    version: packageJson.version,
    metrics,
  });
  webhooks.start();

  const server = serve({ fetch: nodeFetch(app), port: config.port, hostname: config.host }, (address) => {
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    // For the person at the terminal, on stderr: stdout carries only the JSON log lines.
    process.stderr.write(banner(url, adminKey));
    logger.info({ url, database: describeDatabase(config.database) }, 'listening');
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
    // Streams first: each gets a jittered `retry:` and ends, so that SDKs come back spread
    // out (to another instance, or this one restarted) instead of all at once.
    delivery.shutdown();
    // Stop accepting, let in-flight requests and release steps finish, then close the database and the bus.
    // A webhook request still under way after the grace is sent again by whichever instance
    // claims it when its claim runs out (at least once), so the shutdown does not wait for it.
    const sent = Promise.race([webhooks.stop(), new Promise((resolve) => setTimeout(resolve, WEBHOOK_GRACE_MS))]);
    const released = Promise.all([releases.stop(), sent]);
    server.close(() => {
      void released
        .then(() => Promise.all([store.close(), deps.bus.close()]))
        .then(() => {
          logger.info({}, 'stopped');
          process.exit(0);
        });
    });
    if ('closeIdleConnections' in server) {
      // Ended streams leave keep-alive connections that turn idle after server.close() ran:
      // close those as they appear rather than wait for the keep-alive timeout.
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 100).unref();
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * `serving`: this process serves the database, and no other server may serve the same SQLite file.
 *
 * A PostgreSQL that cannot be reached or does not answer within its bounds ends the process
 * with a message naming it: an instance can serve nothing without its store (not even a first
 * snapshot) and must apply migrations before it serves, and an orchestrator restarting the
 * process with back-off shows the cause where a process that stays up but never ready hides it.
 */
async function openStore(config: ServerConfig, logger: Logger, serving: boolean): Promise<Store> {
  const { database } = config;
  if (database.kind === 'sqlite') return createSqliteStore({ filename: database.file, exclusive: serving });
  try {
    return await createPostgresStore({
      connectionString: database.url,
      ...config.databaseTimeouts,
      // The pool replaces the connection; readiness reports the outage while it lasts.
      onConnectionError: (error) => logger.warn({ err: error }, 'a PostgreSQL connection failed'),
    });
  } catch (error) {
    throw new Error(
      `could not open PostgreSQL at ${redactUrl(database.url)} (DATABASE_URL): ${describeError(error)}. ` +
        'Check that the server is up and reachable from here; the bounds are DATABASE_CONNECT_TIMEOUT_MS and DATABASE_QUERY_TIMEOUT_MS.',
      { cause: error },
    );
  }
}

/** Swagger UI's files for `/docs`, which the build copies beside the bundle (see tsup.config.ts). */
function readDocsAssets(logger: Logger): DocsAssets | undefined {
  const folder = new URL('./docs-assets/', import.meta.url);
  try {
    return {
      script: readFileSync(new URL('swagger-ui-bundle.js', folder), 'utf8'),
      stylesheet: readFileSync(new URL('swagger-ui.css', folder), 'utf8'),
    };
  } catch (error) {
    // Run from source there is no copy: /docs then links /openapi.json instead.
    logger.warn({ err: error }, 'no API viewer files; /docs links /openapi.json only');
    return undefined;
  }
}

/** The web UI's built files, from the installed `@rampart/admin-ui` package (its `dist`). */
function readUiAssets(logger: Logger): UiAssets | undefined {
  let root: string;
  try {
    root = join(dirname(createRequire(import.meta.url).resolve('@rampart/admin-ui/package.json')), 'dist');
  } catch (error) {
    logger.warn({ err: error }, 'the web UI is not installed; / says how to build it');
    return undefined;
  }
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  try {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      files.set(relative(root, path).split(sep).join('/'), new Uint8Array(readFileSync(path)));
    }
  } catch (error) {
    logger.warn({ err: error }, 'the web UI is not built; / says how to build it');
    return undefined;
  }
  return files.has('index.html') ? files : undefined;
}

/**
 * Redis is a hint, not the truth: an instance that cannot reach it still serves, and hears of
 * other instances' changes within CONVERGENCE_MS by polling the store. So a Redis that cannot
 * be reached at start-up is reported, naming it, and retried in the background, rather than
 * keeping the instance from starting (which, during a Redis outage, would stop every deploy).
 */
async function openBus(config: ServerConfig, logger: Logger): Promise<ChangeBus> {
  const onListenerError = (error: unknown) => logger.error({ err: error }, 'a change listener failed');
  if (config.redisUrl === undefined) return createMemoryBus(onListenerError);
  const redis = redactUrl(config.redisUrl);
  let lastError: Error | undefined;
  const bus = await createRedisBus({
    url: config.redisUrl,
    ...config.redisTimeouts,
    onListenerError,
    onConnectionError: (error) => {
      lastError = error;
      logger.warn({ err: error, redis }, `Redis at ${redis}: ${error.message}`);
    },
    // While Redis is away changes still commit and reach every instance by polling the store (docs/scale-out.md).
    onStateChange: (state) =>
      state === 'connected' ? logger.info({ state, redis }, 'change bus') : logger.warn({ state, redis }, 'change bus'),
  });
  if (bus.state !== 'connected')
    logger.warn(
      { redis, err: lastError },
      `Redis at ${redis} (REDIS_URL) did not answer within ${config.redisTimeouts.connectTimeoutMs} ms` +
        `${lastError === undefined ? '' : ` (${lastError.message})`}; serving without it and retrying: ` +
        `changes from other instances arrive within ${config.convergenceMs} ms by polling the database`,
    );
  return bus;
}

/** A URL with its password masked, for messages and logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    // Query parameters may carry secrets too (`password=`, `sslpassword=`, `sslkey=`): left out.
    parsed.search = '';
    return parsed.href;
  } catch {
    return '(an unreadable URL)';
  }
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeError).join('; ');
  if (!(error instanceof Error)) return String(error);
  if (error.message === 'Query read timeout') return 'no answer within the query timeout';
  return error.message === '' && 'code' in error ? String(error.code) : error.message;
}

function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return database.file;
  const url = new URL(database.url);
  return `postgres://${url.host}${url.pathname}`;
}

function banner(url: string, adminKey: AdminKeyOutcome): string {
  const lines = [
    `Rampart is listening on ${url}`,
    `  Web UI: ${url}/ (the first person to sign in is made with create-admin-user: docs/ui.md)`,
    `  API docs: ${url}/docs`,
  ];
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
