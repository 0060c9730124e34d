export { createApp } from './app.js';
export {
  bootstrap,
  DEFAULT_ENVIRONMENTS,
  type AdminKeyOutcome,
  type BootstrapOptions,
  type BootstrapResult,
} from './bootstrap.js';
export { parseConfig, type ServerConfig } from './config.js';
export { resolveDeps, type AppDeps } from './deps.js';
export type { DocsAssets } from './openapi/index.js';
export type { UiAssets } from './web-ui/index.js';
export { DEFAULT_MAX_BODY_BYTES } from './http/body-limit.js';
export { systemClock, type Clock } from './base/clock.js';
export type { BuildInfo } from './base/build-info.js';
export type { RandomSource } from './base/random.js';
export { RampartError, type ErrorCode, type ErrorDetail } from './base/errors.js';
export { createSilentLogger, type Logger } from './base/logger.js';
export type { BusListener, BusState, ChangeBus, ChangeMessage } from './bus/bus.js';
export { createMemoryBus, createMemoryHub, type MemoryHub } from './bus/memory-bus.js';
export type * from './store/store.js';
export { createDelivery, type Delivery, type DeliveryOptions, type DeliveryStats } from './delivery/index.js';
export { createMetricsRegistry, type MetricsRegistry } from './metrics/registry.js';
export type { AppEnv, Principal } from './auth/principal.js';
