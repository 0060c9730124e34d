import { encodeClientFlags } from './client-results.js';
import type { EnvironmentUpdate, EnvironmentView } from './environment-cache.js';
import { encodeEvent } from './sse-encoding.js';
import type { ClientStream, StreamRegistry } from './stream-registry.js';

export interface ClientHub {
  /** Re-evaluates every client stream of the environment and sends those whose results changed. */
  update(update: EnvironmentUpdate): void;
  /** Sends a registered stream its first results. */
  start(stream: ClientStream, view: EnvironmentView): void;
}

interface Evaluated {
  flags: string;
  bytes: Uint8Array | undefined;
  version: number;
}

/**
 * The `/client/stream` side of delivery. Each stream holds its context and the results it
 * last received; on a change it is re-evaluated and sent a `flags` event only when its
 * results differ. Streams with the same context share one evaluation and one encoding.
 *
 * @example
 * const hub = createClientHub(registry);
 * environments.onUpdate(hub.update);
 */
export function createClientHub(registry: StreamRegistry): ClientHub {
  function send(stream: ClientStream, view: EnvironmentView, memo: Map<string, Evaluated>): void {
    let evaluated = memo.get(stream.contextKey);
    if (evaluated === undefined) {
      evaluated = { ...encodeClientFlags(view, stream.context), bytes: undefined };
      memo.set(stream.contextKey, evaluated);
    }
    if (evaluated.flags === stream.sentFlags) return;
    // The same body as POST /client/evaluate: { version, flags }.
    evaluated.bytes ??= encodeEvent({
      event: 'flags',
      data: `{"version":${evaluated.version},"flags":${evaluated.flags}}`,
    });
    stream.sentFlags = evaluated.flags;
    registry.write(stream, evaluated.bytes);
  }

  return {
    update({ current }) {
      const memo = new Map<string, Evaluated>();
      for (const stream of registry.clientStreams(current.environment)) {
        // A stream still being set up gets the newest view when it starts.
        if (stream.sentFlags !== undefined) send(stream, current, memo);
      }
    },
    start(stream, view) {
      send(stream, view, new Map());
    },
  };
}
