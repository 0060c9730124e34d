/**
 * Where a stream's bytes go: the open HTTP response. Delivery writes the same encoded bytes to
 * many sinks and asks each how much it still holds, to drop a client that cannot keep up.
 */
export interface StreamSink {
  /**
   * Sends `bytes` (the response starts with the first call) and returns the backlog: how many
   * bytes of earlier writes were still waiting to reach the client. A client is judged by what
   * it failed to take, not by the size of the event at hand.
   */
  write(bytes: Uint8Array): number;
  /** Sends `last` when given, then ends the response normally. */
  end(last?: Uint8Array): void;
  /** Cuts the connection at once, discarding whatever is still queued. */
  abort(): void;
}

/**
 * Makes the sink of one response, once delivery knows the stream will be served: nothing is
 * sent before. `onGone` is to be called once if the client goes away first.
 */
export type OpenSink = (onGone: () => void) => StreamSink;

// Holds no state of its own, so one serves every stream. With a high-water mark of 0,
// `desiredSize` is minus the bytes queued.
const queueBytes = new ByteLengthQueuingStrategy({ highWaterMark: 0 });

/**
 * A sink that is a web `ReadableStream`, for any Hono adapter: the body of the `Response`.
 * The adapter reads it as the socket drains, so what it has not read yet is what is queued.
 *
 * @example
 * const { body, open } = readableStreamSink();
 * if (await delivery.openSdkStream(request, open)) return c.body(body, 200, SSE_HEADERS);
 */
export function readableStreamSink(): { body: ReadableStream<Uint8Array>; open: OpenSink } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let gone: (() => void) | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(started) {
        controller = started;
      },
      cancel() {
        gone?.();
      },
    },
    queueBytes,
  );
  const sink: StreamSink = {
    write(bytes) {
      const backlog = Math.max(0, -(controller.desiredSize ?? 0));
      controller.enqueue(bytes);
      return backlog;
    },
    end(last) {
      if (last !== undefined) controller.enqueue(last);
      controller.close();
    },
    abort() {
      // Erroring discards the queue and makes the adapter destroy the socket at once. The
      // code marks it as a response cut short, which Node's adapter does not log as a failure.
      controller.error(
        Object.assign(new Error('the client fell too far behind'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }),
      );
    },
  };
  return {
    body,
    open(onGone) {
      gone = onGone;
      return sink;
    },
  };
}
