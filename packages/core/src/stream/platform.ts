/**
 * What streaming needs from its runtime, in the smallest shapes that browsers, Node, Deno and
 * workers all provide. Core reads none of it statically: the defaults come from `globalThis`
 * when a stream opens, and tests pass their own clock, timers and fetch.
 */

export interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}

export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): StreamReader } | null;
  text(): Promise<string>;
}

export interface FetchInit {
  method?: string;
  headers: Record<string, string>;
  /** A request body, such as JSON the SDKs post. */
  body?: string;
  signal: AbortSignalLike;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;

export interface AbortSignalLike {
  readonly aborted: boolean;
}

export interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}

export interface TextDecoderLike {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

export type TimerHandle = unknown;

export interface StreamPlatform {
  fetch: FetchLike;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  createAbortController(): AbortControllerLike;
  createTextDecoder(): TextDecoderLike;
  now(): number;
  random(): number;
}

/** The runtime's global of that name, if it is a function (or class). */
// `Function` is what Reflect.apply and Reflect.construct take: the shapes are checked by use below.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function globalFunction(name: string): Function | undefined {
  const value: unknown = Reflect.get(globalThis, name);
  return typeof value === 'function' ? value : undefined;
}

/**
 * The runtime's own fetch, timers, AbortController and TextDecoder. Core compiles without DOM
 * or Node types, so it reaches them through `Reflect` rather than by name.
 */
export function webPlatform(): StreamPlatform {
  const fetch = globalFunction('fetch');
  const setTimeout = globalFunction('setTimeout');
  const clearTimeout = globalFunction('clearTimeout');
  const AbortController = globalFunction('AbortController');
  const TextDecoder = globalFunction('TextDecoder');
  if (!fetch || !setTimeout || !clearTimeout || !AbortController || !TextDecoder) {
    throw new TypeError('Streaming needs fetch, timers, AbortController and TextDecoder: pass a platform');
  }
  return {
    fetch: (url, init) => Reflect.apply(fetch, globalThis, [url, init]),
    setTimeout: (callback, ms) => Reflect.apply(setTimeout, globalThis, [callback, ms]),
    clearTimeout: (handle) => void Reflect.apply(clearTimeout, globalThis, [handle]),
    createAbortController: () => Reflect.construct(AbortController, []),
    createTextDecoder: () => Reflect.construct(TextDecoder, []),
    now: () => Date.now(),
    random: () => Math.random(),
  };
}
