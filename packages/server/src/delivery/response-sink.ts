import type { OpenSink } from './stream-sink.js';

/**
 * The part of Node's `ServerResponse` (`node:http`) a stream needs, typed here by shape so
 * that the app keeps to what every runtime has; `nodeFetch` (`src/node.ts`) passes the real one.
 */
export interface StreamTarget {
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders(): void;
  write(chunk: Uint8Array): unknown;
  end(chunk?: Uint8Array): unknown;
  destroy(): unknown;
  once(event: 'close', listener: () => void): unknown;
  /** Bytes written but not yet handed to the operating system. */
  readonly writableLength: number;
}

/** What the app finds in `c.env` when served through `nodeFetch`. */
export interface StreamBindings {
  readonly streamTo: StreamTarget;
}

/**
 * A sink that writes straight to Node's response. An idle stream then costs the socket and
 * this closure, where a web `ReadableStream` body adds the stream, its reader and the
 * adapter's pending read for every connection (`bench/README.md` has the figures). The
 * backlog is what Node has not yet handed to the kernel.
 *
 * @example
 * const open = responseSink(c.env.streamTo, headers);
 */
export function responseSink(target: StreamTarget, headers: Headers): OpenSink {
  return (onGone) => {
    target.once('close', onGone);
    target.writeHead(200, Object.fromEntries(headers));
    // Sent at once, so that a client resuming with nothing to catch up on knows it is connected,
    // and so that `nodeFetch` can tell the response has started.
    target.flushHeaders();
    return {
      write(bytes) {
        const backlog = target.writableLength;
        target.write(bytes);
        return backlog;
      },
      end(last) {
        target.end(last);
      },
      abort() {
        target.destroy();
      },
    };
  };
}
