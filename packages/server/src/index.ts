export { createApp } from './app.js';
export { bootstrap, DEFAULT_ENVIRONMENTS, type AdminKeyOutcome, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';
export { parseConfig, type ServerConfig } from './config.js';
export { resolveDeps, systemClock, DEFAULT_MAX_BODY_BYTES, type AppDeps, type BuildInfo, type Clock, type RandomSource } from './deps.js';
export { ApiError, type ApiErrorCode, type ErrorDetail } from './errors.js';
export { createSilentLogger, type Logger } from './logger.js';
export { createLoggingNotifier, createRecordingNotifier, type Notifier, type Publication, type RecordingNotifier } from './notifier.js';
export type * from './store/store.js';
export type { AppEnv, Principal } from './auth/principal.js';
