/**
 * `url` with the value of each `key` query parameter hidden. Client keys travel in `?key=`
 * (browsers' streams cannot send headers), and error messages end up in logs and telemetry.
 *
 * @example
 * redactKey('https://flags.example.com/api/v1/client/stream?context=e30&key=rpc_abc');
 * // 'https://flags.example.com/api/v1/client/stream?context=e30&key=***'
 */
export function redactKey(url: string): string {
  return url.replace(/([?&]key=)[^&#]*/g, '$1***');
}

/**
 * An error and its causes on one line. Node's fetch says only `fetch failed` and keeps the
 * reason (`connect ECONNREFUSED 127.0.0.1:4000`) in `cause`; an error without a message
 * (Node's AggregateError of a refused `localhost`) is named by its `code`.
 *
 * @example
 * describeCause(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4000') }));
 * // 'fetch failed: connect ECONNREFUSED 127.0.0.1:4000'
 */
export function describeCause(error: unknown): string {
  const parts: unknown[] = [];
  // A few levels are all a real chain has; the bound also stops a cycle.
  for (let next: unknown = error, depth = 0; next != null && depth < 4; depth++) {
    const { message, code, cause }: { message?: unknown; code?: unknown; cause?: unknown } = Object(next);
    parts.push(message || code || next);
    next = cause;
  }
  return parts.join(': ');
}
