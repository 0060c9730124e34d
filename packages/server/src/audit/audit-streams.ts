import type { Logger } from '../base/logger.js';
import { encodeEvent, type Delivery, type Feed, type OpenSink } from '../delivery/index.js';
import type { AuditEntry, StoreReader } from '../store/store.js';
import { publicEntry } from './audit-schemas.js';
import type { AuditTail } from './audit-tail.js';

export interface AuditStreamsOptions {
  tail: AuditTail;
  /** Where a resuming stream reads what it missed. */
  store: Pick<StoreReader, 'listAuditAfter'>;
  /** Carries the streams: counted, heartbeated, dropped when slow and ended at shutdown with the SDK streams. */
  delivery: Pick<Delivery, 'openFeed'>;
  logger: Logger;
  /** How often every open stream's credential is checked again; default 30 000 ms. */
  checkMs?: number;
  /** The most entries a resuming stream is sent from before it opened; past that it gets `reset`; default 500. */
  maxReplay?: number;
}

export interface AuditStreamRequest {
  /** Whose credential: the key's id, or the person's. */
  keyId: string;
  /** As `GET /audit` filters: entries whose target is this flag, and entries of this environment. */
  flag?: string | undefined;
  environment?: string | undefined;
  /** The id of the last entry the client has: the stream resumes after it. */
  after?: string | undefined;
  /** Whether the request's credential still admits it; `false` ends the stream. */
  stillAdmitted(): Promise<boolean>;
}

export interface AuditStreams {
  /** Serves one stream through `open`; rejects, with nothing opened, when the store cannot be read. */
  open(request: AuditStreamRequest, open: OpenSink): Promise<void>;
  /** Checks every open stream's credential now and ends those it no longer admits; runs every `checkMs` while any is open. */
  check(): Promise<void>;
}

/**
 * The `/audit/stream` connections of this instance, all fed by one {@link AuditTail}: each
 * new entry is encoded once, and written to every stream whose filters it passes. A stream
 * opens with `event: ready`; a resuming one then gets what it missed (or `reset`), and each
 * goes on live. A stream's credential is checked again every `checkMs`, so that a revoked
 * key or token, an ended session or a disabled person stops receiving the log.
 *
 * @example
 * const streams = createAuditStreams({ tail, store, delivery, logger });
 * await streams.open({ keyId, stillAdmitted }, open);
 */
export function createAuditStreams(options: AuditStreamsOptions): AuditStreams {
  const { tail, store, delivery, logger, checkMs = 30_000, maxReplay = 500 } = options;
  // Each open stream's feed, by its request (one request, one stream).
  const streams = new Map<AuditStreamRequest, Feed>();
  const encoded = new WeakMap<AuditEntry, Uint8Array>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let checking: Promise<void> | undefined;

  function bytesOf(entry: AuditEntry): Uint8Array {
    let bytes = encoded.get(entry);
    if (bytes === undefined) {
      bytes = encodeEvent({ event: 'audit', id: entry.id, data: JSON.stringify(publicEntry(entry)) });
      encoded.set(entry, bytes);
    }
    return bytes;
  }

  function forget(request: AuditStreamRequest): void {
    if (!streams.delete(request) || streams.size > 0) return;
    clearInterval(timer);
    timer = undefined;
  }

  function check(): Promise<void> {
    checking ??= (async () => {
      try {
        for (const [request, feed] of [...streams]) {
          if (feed.closed) continue;
          try {
            if (!(await request.stillAdmitted())) feed.close('revoked');
          } catch (error) {
            // The store could not say: the stream stays, and the next check asks again.
            logger.warn({ err: error, keyId: request.keyId }, 'could not check the credential of an audit stream');
          }
        }
      } finally {
        checking = undefined;
      }
    })();
    return checking;
  }

  async function open(request: AuditStreamRequest, openSink: OpenSink): Promise<void> {
    const { flag, environment, after } = request;
    // Entries that arrive before the stream has sent what came before them wait here.
    const held: AuditEntry[] = [];
    let started = false;
    const subscription = await tail.listen((entries) => {
      if (started) send(entries);
      else held.push(...entries);
    });
    const { position } = subscription;
    const resumeFrom = after === undefined ? undefined : Number(after);
    let missed: AuditEntry[] = [];
    try {
      // Up to `position` only: the tail sends what follows, in order, once it is settled.
      if (resumeFrom !== undefined && resumeFrom < position)
        missed = (await store.listAuditAfter({ after, flag, environment, limit: maxReplay + 1 })).filter(
          (entry) => Number(entry.id) <= position,
        );
    } catch (error) {
      subscription.stop();
      throw error;
    }

    const feed = delivery.openFeed(
      {
        kind: 'audit',
        keyId: request.keyId,
        onClose: () => {
          subscription.stop();
          forget(request);
        },
      },
      openSink,
    );
    if (feed.closed) return;
    streams.set(request, feed);
    if (streams.size === 1) {
      timer = setInterval(() => void check(), checkMs);
      timer.unref();
    }

    feed.write(
      encodeEvent({ event: 'ready', data: JSON.stringify({ after: position === 0 ? null : String(position) }) }),
    );
    // With an id, so that a client reconnecting after reading `GET /audit` again resumes from here.
    if (missed.length > maxReplay) feed.write(encodeEvent({ event: 'reset', id: position, data: '{}' }));
    else for (const entry of missed) feed.write(bytesOf(entry));
    // Whatever the tail tells of up to here was sent above, or came before what the client has.
    let sent = Math.max(position, resumeFrom ?? 0);
    function send(entries: readonly AuditEntry[]): void {
      for (const entry of entries) {
        const id = Number(entry.id);
        if (id <= sent) continue;
        sent = id;
        if (matches(entry, flag, environment)) feed.write(bytesOf(entry));
      }
    }
    send(held);
    started = true;
  }

  return { open, check };
}

/** Whether `entry` passes the filters as `GET /audit` applies them (store/where.ts). */
function matches(entry: AuditEntry, flag: string | undefined, environment: string | undefined): boolean {
  if (flag !== undefined && (entry.targetKind !== 'flag' || entry.target !== flag)) return false;
  return environment === undefined || entry.environment === environment;
}
