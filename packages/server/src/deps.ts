import type { BuildInfo } from './base/build-info.js';
import type { Clock } from './base/clock.js';
import { cryptoRandom, type RandomSource } from './base/random.js';
import type { Logger } from './base/logger.js';
import { sha256Hex } from './auth/digest.js';
import { createKeyCache, type KeyCache } from './auth/key-cache.js';
import type { ChangeBus } from './bus/bus.js';
import { createDelivery, type Delivery } from './delivery/index.js';
import type { EnvironmentCache } from './delivery/index.js';
import { createMetricsRegistry, type MetricsRegistry } from './metrics/registry.js';
import { createGuardCollector, type GuardCollector } from './release-plans/index.js';
import type { DocsAssets } from './openapi/index.js';
import type { UiAssets } from './web-ui/index.js';
import { DEFAULT_TRIGGER_RATE_LIMIT } from './triggers/index.js';
import { DEFAULT_PASSWORD_COST, type PasswordCost } from './auth/passwords.js';
import type { Context } from 'hono';
import type { SsoConfig } from './sso/index.js';

/** How long a session lasts from sign-in, by default. */
export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000;
import type { Store } from './store/store.js';
import { DEFAULT_MAX_BODY_BYTES } from './http/body-limit.js';

/** Everything the app needs from the outside world; `main.ts` wires the real ones. */
export interface AppDeps {
  store: Store;
  /** Where committed changes are announced; SDK delivery listens on it. */
  bus: ChangeBus;
  clock: Clock;
  logger: Logger;
  /** Defaults to `crypto.getRandomValues`. */
  random?: RandomSource;
  /** Request bodies above this size get 413; default 1 MiB. */
  maxBodyBytes?: number;
  info?: BuildInfo;
  /** Origins that browsers may call the client and OFREP routes from; default `['*']` (any). */
  corsOrigins?: readonly string[];
  /** The evaluated state of each environment; default: one kept current from `store` and `bus`. */
  environments?: EnvironmentCache;
  /** How far behind the store this instance may fall when change messages are lost; default 2 000 ms. Used when the app makes its delivery. */
  convergenceMs?: number;
  /** Live delivery (streams, heartbeats, revocation, shutdown); default: one over `store`, `bus` and `environments`. Pass it to call `shutdown()` on SIGTERM. */
  delivery?: Delivery;
  /**
   * The counts of guarded release plans, which the routes fill and the release scheduler
   * weighs: pass the same one to `createReleaseScheduler`. Default: one over `delivery`, which
   * only a scheduler given it would weigh.
   */
  guards?: GuardCollector;
  /** Where `/metrics` figures are kept; default: a new registry. */
  metrics?: MetricsRegistry;
  /** Key records for authentication; by default the store's, trusted for 2 s. */
  keys?: KeyCache;
  /**
   * SHA-256 as lower-case hex, used to check the key of every request; default Web Crypto's,
   * which every runtime has but which answers asynchronously. `main.ts` passes `node:crypto`'s
   * synchronous one, which costs a small fraction of that per request.
   */
  sha256Hex?: (text: string) => string | Promise<string>;
  /** Swagger UI's files, which `/docs` serves; without them `/docs` is a short page that links `/openapi.json`. */
  docsAssets?: DocsAssets;
  /** The web UI's built files, which `/` serves; without them its pages say how to build it. */
  uiAssets?: UiAssets | undefined;
  /** The server's address as callers see it, for the trigger URLs it shows; default: each request's own origin. */
  publicUrl?: string | undefined;
  /** Whether webhooks may point at loopback, link-local and private addresses; default `false`. */
  webhookAllowPrivateNetworks?: boolean;
  /** The calls one trigger URL answers per minute; default 10. */
  triggerRateLimit?: number;
  /** argon2id's cost for passwords; default OWASP's minimum (19 MiB, two passes). Tests lower it. */
  passwordCost?: PasswordCost;
  /** How long a session lasts from sign-in; default 12 hours. */
  sessionTtlMs?: number;
  /** The client's address, to limit failed sign-ins per address; default: none known (limited per account only). */
  clientAddress?: (c: Context) => string | undefined;
  /** OpenID Connect single sign-on; default: none (password sign-in only). */
  sso?: SsoConfig | undefined;
}

/** {@link AppDeps} with defaults applied. */
export interface ResolvedDeps extends Required<
  Omit<AppDeps, 'info' | 'docsAssets' | 'uiAssets' | 'convergenceMs' | 'publicUrl' | 'sso'>
> {
  info: BuildInfo;
  docsAssets: DocsAssets | undefined;
  uiAssets: UiAssets | undefined;
  publicUrl: string | undefined;
  sso: SsoConfig | undefined;
}

/**
 * Applies the defaults of the optional dependencies.
 *
 * @example
 * const resolved = resolveDeps({ store, bus, clock, logger });
 */
export function resolveDeps(deps: AppDeps): ResolvedDeps {
  const delivery =
    deps.delivery ??
    createDelivery({
      store: deps.store,
      bus: deps.bus,
      logger: deps.logger,
      environments: deps.environments,
      convergenceMs: deps.convergenceMs,
    });
  return {
    ...deps,
    random: deps.random ?? cryptoRandom,
    maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    info: deps.info ?? { version: '0.0.0' },
    corsOrigins: deps.corsOrigins ?? ['*'],
    // The delivery owns the environment cache, so that streams and requests share one.
    environments: delivery.environments,
    delivery,
    guards: deps.guards ?? createGuardCollector({ clock: deps.clock, delivery }),
    metrics: deps.metrics ?? createMetricsRegistry(),
    keys: deps.keys ?? createKeyCache(deps.store, { now: () => deps.clock.now().getTime() }),
    sha256Hex: deps.sha256Hex ?? sha256Hex,
    docsAssets: deps.docsAssets,
    uiAssets: deps.uiAssets,
    publicUrl: deps.publicUrl,
    webhookAllowPrivateNetworks: deps.webhookAllowPrivateNetworks ?? false,
    triggerRateLimit: deps.triggerRateLimit ?? DEFAULT_TRIGGER_RATE_LIMIT,
    passwordCost: deps.passwordCost ?? DEFAULT_PASSWORD_COST,
    sessionTtlMs: deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    clientAddress: deps.clientAddress ?? (() => undefined),
    sso: deps.sso,
  };
}
