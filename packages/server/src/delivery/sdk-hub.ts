import { createChangeLog, type ChangeLog, type LogEntry } from './change-log.js';
import { buildPatch } from './build-patch.js';
import type { EnvironmentUpdate, EnvironmentView } from './environment-cache.js';
import { encodeEvent } from './sse-encoding.js';
import type { SdkStream, StreamRegistry } from './stream-registry.js';

export interface SdkHubOptions {
  registry: StreamRegistry;
  /** Bounds of each environment's change log. */
  changeLogSize: number;
  changeLogBytes: number;
}

export interface SdkHub {
  /** Encodes the update's patch once, logs it and writes the same bytes to every stream of the environment. */
  update(update: EnvironmentUpdate): void;
  /**
   * Starts a registered stream (its patches queued in `pending` meanwhile): the patches after
   * `lastEventId` when the log still has them, else the snapshot of `view`; then whatever
   * arrived while it was being set up, without repeating a version.
   */
  start(stream: SdkStream, view: EnvironmentView, lastEventId: string | undefined): void;
}

/**
 * The `/sdk/stream` side of delivery: one change log per environment and the fan-out of
 * encoded patches. A change is encoded once, whatever the number of streams.
 *
 * @example
 * const hub = createSdkHub({ registry, changeLogSize: 1000, changeLogBytes: 16 << 20 });
 * environments.onUpdate(hub.update);
 */
export function createSdkHub({ registry, changeLogSize, changeLogBytes }: SdkHubOptions): SdkHub {
  const logs = new Map<string, ChangeLog>();
  // Streams reconnecting together (after a deploy) share one encoding of the snapshot.
  const snapshots = new WeakMap<EnvironmentView, Uint8Array>();

  function logOf(environment: string, version: number): ChangeLog {
    let log = logs.get(environment);
    if (log === undefined) {
      log = createChangeLog({ version, maxEntries: changeLogSize, maxBytes: changeLogBytes });
      logs.set(environment, log);
    }
    return log;
  }

  function snapshotBytes(view: EnvironmentView): Uint8Array {
    let bytes = snapshots.get(view);
    if (bytes === undefined) {
      bytes = encodeEvent({ event: 'snapshot', id: view.version, data: JSON.stringify(view.snapshot) });
      snapshots.set(view, bytes);
    }
    return bytes;
  }

  return {
    update(update) {
      const { environment } = update.current;
      const entry: LogEntry = {
        from: update.previous.version,
        to: update.current.version,
        bytes: encodeEvent({ event: 'patch', id: update.current.version, data: JSON.stringify(buildPatch(update)) }),
      };
      logOf(environment, entry.from).append(entry);
      for (const stream of registry.sdkStreams(environment)) {
        if (stream.pending === undefined) registry.write(stream, entry.bytes);
        else stream.pending.push(entry);
      }
    },
    start(stream, view, lastEventId) {
      const log = logOf(view.environment, view.version);
      const resumeFrom = versionOf(lastEventId);
      const missed = resumeFrom === undefined ? undefined : log.since(resumeFrom);
      let sent: number;
      if (resumeFrom === undefined || missed === undefined) {
        registry.write(stream, snapshotBytes(view));
        sent = view.version;
      } else {
        sent = resumeFrom;
        for (const entry of missed) {
          registry.write(stream, entry.bytes);
          sent = entry.to;
        }
      }
      const pending = stream.pending ?? [];
      stream.pending = undefined;
      for (const entry of pending) {
        if (entry.to <= sent) continue;
        registry.write(stream, entry.bytes);
        sent = entry.to;
      }
    },
  };
}

function versionOf(lastEventId: string | undefined): number | undefined {
  if (lastEventId === undefined || !/^\d{1,15}$/.test(lastEventId.trim())) return undefined;
  return Number(lastEventId.trim());
}
