// Live delivery to SDKs and browsers: the environment cache, the streams and their routes.
export {
  createDelivery,
  type ClientEvaluationListener,
  type Delivery,
  type DeliveryOptions,
  type DeliveryStats,
  type Feed,
  type OpenClientStream,
} from './delivery.js';
export { registerDeliveryRoutes } from './delivery-routes.js';
export { registerDeliveryMetrics } from './delivery-metrics.js';
export {
  DEFAULT_CONVERGENCE_MS,
  type EnvironmentCache,
  type EnvironmentView,
  type Freshness,
} from './environment-cache.js';
export { keyEnvironment } from './key-environment.js';
export {
  clientFlagKeys,
  guardedClientFlags,
  type ClientEvaluationSource,
  type GuardedClientFlag,
} from './client-results.js';
export { evaluationContextSchema } from './client-schemas.js';
export type { StreamBindings } from './response-sink.js';
export { encodeComment, encodeEvent } from './sse-encoding.js';
export { eventStreamResponse, streamResponse } from './sse-response.js';
export type { OpenSink } from './stream-sink.js';
export type { CloseReason } from './stream-registry.js';
