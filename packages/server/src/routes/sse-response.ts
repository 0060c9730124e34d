/** The headers of every SSE response: no caching anywhere, no buffering in proxies (nginx reads `x-accel-buffering`). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
};
