import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { responseSink, type StreamBindings } from './response-sink.js';
import { readableStreamSink, type OpenSink } from './stream-sink.js';

/** The headers of every SSE response: no caching anywhere, no buffering in proxies (nginx reads `x-accel-buffering`). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
};

/**
 * The 200 entry of an event-stream route, for `createRoute`. OpenAPI 3.1 has no schema for the
 * events of a stream, so `events` tells them, naming the component schemas of their `data`.
 *
 * @example
 * responses: { 200: eventStreamResponse('`event: flags` with `ClientResults` on connect'), ...errorResponses(404) }
 */
export function eventStreamResponse(events: string) {
  return {
    description: `Server-Sent Events: ${events}`,
    content: {
      'text/event-stream': { schema: z.string().openapi({ description: 'an event stream (text/event-stream)' }) },
    },
  };
}

/**
 * Answers with an event stream that `serve` feeds through the sink it is given, or `undefined`
 * when `serve` reports there is nothing to stream (the caller answers 404). Served through
 * `nodeFetch`, the stream is written straight to Node's response, which is the cheapest way to
 * hold thousands of idle streams; under any other adapter (and in `app.request()`) it is a web
 * `ReadableStream` body. Both carry the same headers: those the middleware prepared (CORS)
 * and `SSE_HEADERS`.
 *
 * @example
 * const response = await streamResponse(c, (open) => delivery.openSdkStream(request, open));
 */
export async function streamResponse(
  c: Context,
  serve: (open: OpenSink) => Promise<boolean>,
): Promise<Response | undefined> {
  const streamTo = streamTarget(c.env);
  if (streamTo !== undefined) {
    const { headers } = c.newResponse(null, 200, SSE_HEADERS);
    if (!(await serve(responseSink(streamTo, headers)))) return undefined;
    // Written already; `nodeFetch` sees that the response has started and sends nothing more.
    return c.body(null, 200);
  }
  const { body, open } = readableStreamSink();
  if (!(await serve(open))) return undefined;
  return c.body(body, 200, SSE_HEADERS);
}

function streamTarget(env: unknown): StreamBindings['streamTo'] | undefined {
  return typeof env === 'object' && env !== null && 'streamTo' in env ? (env as StreamBindings).streamTo : undefined;
}
