/**
 * `@rampart/core/stream`: the reconnecting SSE reader alone, for browsers. Importing the root
 * entry would also bring the evaluator's dependencies (semver, ipaddr.js, re2js), which are
 * CommonJS and so stay in a bundle even when unused.
 */
export { openEventStream } from './stream/event-stream';
export type { EventStream, EventStreamOptions, StreamEvent } from './stream/event-stream';
export type { BackoffOptions } from './stream/backoff';
export { createSseParser } from './stream/sse-parser';
export type { SseMessage, SseParserCallbacks } from './stream/sse-parser';
export { webPlatform } from './stream/platform';
export { describeCause } from './stream/error-text';
export type { StreamPlatform, FetchLike, FetchResponse, FetchInit, TimerHandle } from './stream/platform';
export { CoreError } from './errors';
export type { CoreErrorCode } from './errors';
