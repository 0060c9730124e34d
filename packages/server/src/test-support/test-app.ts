import { createApp } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import type { Clock } from '../base/clock.js';
import type { AppDeps } from '../deps.js';
import { createSilentLogger, type Logger } from '../base/logger.js';
import type { ChangeBus, ChangeMessage } from '../bus/bus.js';
import { createMemoryBus } from '../bus/memory-bus.js';
import { createDelivery, type Delivery } from '../delivery/delivery.js';
import { createEnvironmentCache, type EnvironmentCache } from '../delivery/environment-cache.js';
import {
  createGuardCollector,
  type GuardCollector,
  type GuardCollectorOptions,
} from '../release-plans/guard-collector.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

export interface TestResponse {
  status: number;
  headers: Headers;
  body: unknown;
  /** `body` read as a record, for tests that index into it. */
  json: Record<string, unknown>;
}

export interface TestClient {
  request(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; headers?: Record<string, string>; key?: string | null },
  ): Promise<TestResponse>;
  get(path: string, key?: string | null): Promise<TestResponse>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  put(path: string, body: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  patch(path: string, body: unknown): Promise<TestResponse>;
  delete(path: string): Promise<TestResponse>;
}

export interface TestApp extends TestClient {
  app: ReturnType<typeof createApp>;
  store: Store;
  bus: ChangeBus;
  /** The app's environment cache; `await environments.resync()` catches up with the store. */
  environments: EnvironmentCache;
  delivery: Delivery;
  /** The app's guard counts: give them to a release scheduler to weigh them. */
  guards: GuardCollector;
  /** Every change announced on the bus, in order. */
  publications: readonly ChangeMessage[];
  adminKey: string;
  /** Everything stored, as text: equal before and after means nothing changed. */
  fingerprint(): Promise<string>;
  close(): Promise<void>;
}

/** argon2id at its smallest cost, for tests. */
export const TEST_PASSWORD_COST = { memoryKiB: 8, passes: 1 } as const;

/** A clock that moves one millisecond per reading, so every change has its own time. */
export function createTestClock(start = Date.parse('2030-01-01T00:00:00.000Z')): Clock {
  let now = start;
  return { now: () => new Date(now++) };
}

export interface ManualClock extends Clock {
  /** Moves the clock forward. */
  advance(seconds: number): void;
}

/** A clock that stands still until a test moves it, for work that falls due at a time. */
export function createManualClock(start = Date.parse('2030-01-01T00:00:00.000Z')): ManualClock {
  let now = start;
  return {
    now: () => new Date(now),
    advance: (seconds) => {
      now += seconds * 1000;
    },
  };
}

/**
 * A bootstrapped app over an in-memory SQLite store, with a client that sends the admin key.
 *
 * @example
 * const t = await createTestApp();
 * const res = await t.post('/api/v1/flags', { key: 'a' });
 */
export async function createTestApp(
  options: Pick<
    AppDeps,
    | 'maxBodyBytes'
    | 'info'
    | 'corsOrigins'
    | 'sha256Hex'
    | 'metrics'
    | 'docsAssets'
    | 'publicUrl'
    | 'webhookAllowPrivateNetworks'
    | 'triggerRateLimit'
    | 'passwordCost'
    | 'sessionTtlMs'
    | 'clientAddress'
    | 'sso'
    | 'uiAssets'
  > & {
    logger?: Logger;
    /** Default: one that moves a millisecond per reading. */
    clock?: Clock;
    /** Bounds of the guard counts (browser interval and cap, pending batches). */
    guards?: Omit<GuardCollectorOptions, 'clock' | 'delivery'>;
  } = {},
): Promise<TestApp> {
  const store = createSqliteStore({ filename: ':memory:' });
  const bus = createMemoryBus();
  const publications: ChangeMessage[] = [];
  bus.subscribe({ change: (message) => publications.push(message) });
  const environments = createEnvironmentCache({ store, bus, logger: createSilentLogger() });
  const { guards: guardOptions, ...rest } = options;
  const clock = options.clock ?? createTestClock();
  const logger = options.logger ?? createSilentLogger();
  const delivery = createDelivery({ store, bus, logger, environments });
  const guards = createGuardCollector({ ...guardOptions, clock, delivery });
  // Passwords hashed at a tiny cost: the tests exercise the flow, not argon2id's strength.
  const deps = { store, bus, environments, delivery, guards, passwordCost: TEST_PASSWORD_COST, ...rest, clock, logger };
  const app = createApp(deps);
  const { adminKey } = await bootstrap({ ...deps, random: (bytes) => crypto.getRandomValues(bytes) });
  if (adminKey.source !== 'generated') throw new Error('expected a generated admin key');
  const client = createClient(app, adminKey.secret);
  return {
    ...client,
    app,
    store,
    bus,
    environments,
    delivery,
    guards,
    publications,
    adminKey: adminKey.secret,
    fingerprint: () => fingerprint(store),
    close: () => {
      environments.close();
      return store.close();
    },
  };
}

/**
 * A client for `app.request()` that sends `key` as a bearer token unless told otherwise.
 *
 * @example
 * const asServer = createClient(t.app, serverKey);
 */
export function createClient(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  key: string,
): TestClient {
  const request: TestClient['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.key === undefined ? key : options.key;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON (the docs page): keep the text.
    }
    const json =
      typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? Object.fromEntries(Object.entries(parsed))
        : {};
    return { status: response.status, headers: response.headers, body: parsed, json };
  };
  return {
    request,
    get: (path, key) => request('GET', path, key === undefined ? {} : { key }),
    post: (path, body, headers) => request('POST', path, { body, ...(headers === undefined ? {} : { headers }) }),
    put: (path, body, headers) => request('PUT', path, { body, ...(headers === undefined ? {} : { headers }) }),
    patch: (path, body) => request('PATCH', path, { body }),
    delete: (path) => request('DELETE', path),
  };
}

/**
 * Every stored record, as stable text.
 *
 * @example
 * const before = await fingerprint(store);
 */
export async function fingerprint(store: Store): Promise<string> {
  const environments = await store.listEnvironments();
  const snapshots = await Promise.all(environments.map((environment) => store.listChangesSince(environment.key, 0)));
  const audit = await store.listAudit({ limit: 100_000 });
  return JSON.stringify({
    environments,
    flags: [...(await store.listFlags({ archived: false })), ...(await store.listFlags({ archived: true }))],
    configs: await store.listFlagConfigs(),
    segments: await store.listSegments(),
    keys: await store.listKeys(),
    audit: audit.entries,
    changes: snapshots,
    releasePlans: await store.listReleasePlans(),
    triggers: await store.listTriggers(),
    webhooks: await store.listWebhooks(),
  });
}
