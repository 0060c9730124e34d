import { applyPatch, openEventStream, type Snapshot, type SnapshotPatch } from '@rampart/core';

/** An SDK's view of one environment over `/sdk/stream`: the snapshot, then every patch applied. */
export interface StreamingSdk {
  snapshot: Snapshot | undefined;
  /** The version of every event received, in order. */
  versions: number[];
  /** Resolves once the SDK holds `version` or later; records when that happened. */
  reach(version: number, timeoutMs?: number): Promise<number>;
  close(): void;
}

/**
 * Follows `/sdk/stream` of the server at `baseUrl` as an SDK does: the snapshot, then each
 * patch applied in order.
 *
 * @example
 * const sdk = followSdkStream(server.url, serverKey);
 * await sdk.reach(12);
 */
export function followSdkStream(baseUrl: string, key: string): StreamingSdk {
  const waiters: { version: number; resolve: (at: number) => void }[] = [];
  const sdk: StreamingSdk = {
    snapshot: undefined,
    versions: [],
    reach(version, timeoutMs = 30_000) {
      if ((sdk.snapshot?.version ?? -1) >= version) return Promise.resolve(performance.now());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`SDK stuck at ${sdk.snapshot?.version} waiting for ${version}`)),
          timeoutMs,
        );
        waiters.push({ version, resolve: (at) => (clearTimeout(timer), resolve(at)) });
      });
    },
    close: () => stream.close(),
  };
  const stream = openEventStream({
    url: `${baseUrl}/api/v1/sdk/stream`,
    headers: { authorization: `Bearer ${key}` },
    onEvent(event) {
      if (event.type !== 'message' || (event.event !== 'snapshot' && event.event !== 'patch')) return;
      const at = performance.now();
      const data: unknown = JSON.parse(event.data);
      sdk.snapshot =
        event.event === 'snapshot' || sdk.snapshot === undefined
          ? asSnapshot(data)
          : applyPatch(sdk.snapshot, asPatch(data));
      sdk.versions.push(sdk.snapshot.version);
      for (const waiter of waiters.filter((w) => w.version <= (sdk.snapshot?.version ?? -1))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(at);
      }
    },
  });
  return sdk;
}

// The server produced these; the test checks their content against the store, not their shape.
export function asSnapshot(data: unknown): Snapshot {
  if (typeof data !== 'object' || data === null || !('version' in data) || !('flags' in data))
    throw new Error(`not a snapshot: ${JSON.stringify(data)}`);
  return data as Snapshot;
}

function asPatch(data: unknown): SnapshotPatch {
  if (typeof data !== 'object' || data === null || !('version' in data))
    throw new Error(`not a patch: ${JSON.stringify(data)}`);
  return data as SnapshotPatch;
}
