export { createApp } from './app.js';
export {
  bootstrap,
  DEFAULT_ENVIRONMENTS,
  type AdminKeyOutcome,
  type BootstrapOptions,
  type BootstrapResult,
} from './bootstrap.js';
export { parseConfig, type ServerConfig } from './config.js';
export {
  resolveDeps,
  systemClock,
  DEFAULT_MAX_BODY_BYTES,
  type AppDeps,
  type BuildInfo,
  type Clock,
  type RandomSource,
} from './deps.js';
export { ApiError, type ApiErrorCode, type ErrorDetail } from './base/errors.js';
export { createSilentLogger, type Logger } from './base/logger.js';
export type { BusListener, BusState, ChangeBus, ChangeMessage } from './bus/bus.js';
export { createMemoryBus, createMemoryHub, type MemoryHub } from './bus/memory-bus.js';
export type * from './store/store.js';
export { createDelivery, type Delivery, type DeliveryOptions, type DeliveryStats } from './delivery/delivery.js';
export { createMetricsRegistry, type MetricsRegistry } from './metrics/registry.js';
export type { AppEnv, Principal } from './auth/principal.js';
