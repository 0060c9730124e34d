import type { Clock } from '../base/clock.js';
import type { Logger } from '../base/logger.js';
import type { ChangeBus } from '../bus/bus.js';
import type { AuditEntry, StoreReader } from '../store/store.js';

export interface AuditTailOptions {
  store: Pick<StoreReader, 'listAudit' | 'listAuditAfter'>;
  /** Any message makes the tail read at once. */
  bus: Pick<ChangeBus, 'subscribe'>;
  /** Measures how long a missing id has been waited for. */
  clock: Clock;
  logger: Logger;
  /**
   * How often the store is read while anyone listens, for the entries no bus message announces
   * (keys, people, webhooks change no environment) and those of other instances; default 1 000 ms.
   */
  pollMs?: number;
  /** How long a missing id holds back the entries after it; default 2 000 ms (see {@link settle}). */
  gapMs?: number;
  /** Entries read at a time; default 500. */
  batchSize?: number;
}

/** Told of new entries: in id order, each once, none left out. */
export type AuditListener = (entries: readonly AuditEntry[]) => void;

export interface AuditSubscription {
  /**
   * The id of the newest entry before those the listener is told of (`0`: the log was empty).
   * The listener may already have been told of a few after it: whoever compares the two must
   * skip the entries up to it.
   */
  readonly position: number;
  stop(): void;
}

export interface AuditTail {
  /** Starts telling `listener` of every entry after the returned position; rejects when the store cannot say where the log ends. */
  listen(listener: AuditListener): Promise<AuditSubscription>;
  /** Reads the store now, as a bus message or the poll does, and resolves once that read is done. */
  read(): Promise<void>;
}

/** An id the tail has found missing, and when it first did (ms since the epoch). */
export interface MissingId {
  id: number;
  since: number;
}

/**
 * One reader of the audit log for a whole instance, however many streams follow it: it reads
 * the entries after the last one it passed on when the bus announces a change, and once per
 * `pollMs` while anyone listens, and tells every listener of them in id order. Nothing runs
 * (no timer, no bus subscription) while no one listens; the next listener starts from the
 * newest entry then.
 *
 * @example
 * const tail = createAuditTail({ store, bus, clock, logger });
 * const { position, stop } = await tail.listen((entries) => send(entries));
 */
export function createAuditTail(options: AuditTailOptions): AuditTail {
  const { store, bus, clock, logger, pollMs = 1_000, gapMs = 2_000, batchSize = 500 } = options;
  const listeners = new Set<AuditListener>();
  let position: number | undefined;
  let missing: MissingId | undefined;
  let starting: Promise<void> | undefined;
  // Raised whenever the last listener leaves, so that a read begun before is dropped.
  let generation = 0;
  let reading: Promise<void> | undefined;
  let again = false;
  let failing = false;
  let unsubscribe: (() => void) | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  function activate(): void {
    unsubscribe = bus.subscribe({ change: () => void read(), resync: () => void read() });
    timer = setInterval(() => void read(), pollMs);
    timer.unref();
  }

  function remove(listener: AuditListener): void {
    if (!listeners.delete(listener) || listeners.size > 0) return;
    unsubscribe?.();
    clearInterval(timer);
    unsubscribe = undefined;
    timer = undefined;
    generation++;
    position = undefined;
    missing = undefined;
    starting = undefined;
  }

  function start(): Promise<void> {
    const started = generation;
    starting ??= store.listAudit({ limit: 1 }).then(
      (newest) => {
        if (started === generation) position = Number(newest.entries[0]?.id ?? 0);
      },
      (error: unknown) => {
        starting = undefined;
        throw error;
      },
    );
    return starting;
  }

  function read(): Promise<void> {
    if (reading !== undefined) {
      again = true;
      return reading;
    }
    reading = (async () => {
      try {
        do {
          again = false;
          await readBatches();
        } while (again);
      } finally {
        reading = undefined;
      }
    })();
    return reading;
  }

  async function readBatches(): Promise<void> {
    for (;;) {
      const started = generation;
      const from = position;
      if (from === undefined) return;
      let entries: AuditEntry[];
      try {
        entries = await store.listAuditAfter({ after: String(from), limit: batchSize });
      } catch (error) {
        if (!failing) logger.warn({ err: error }, 'could not read the audit log for its streams; retrying');
        failing = true;
        return;
      }
      failing = false;
      if (started !== generation) return;
      const settled = settle(entries, from, missing, clock.now().getTime(), gapMs);
      position = settled.position;
      missing = settled.missing;
      if (settled.passed.length > 0) tell(settled.passed);
      if (entries.length < batchSize || settled.passed.length < entries.length) return;
    }
  }

  function tell(entries: readonly AuditEntry[]): void {
    for (const listener of [...listeners]) {
      try {
        listener(entries);
      } catch (error) {
        logger.error({ err: error }, 'an audit log listener failed');
      }
    }
  }

  return {
    async listen(listener) {
      listeners.add(listener);
      if (listeners.size === 1) activate();
      try {
        if (position === undefined) await start();
      } catch (error) {
        remove(listener);
        throw error;
      }
      return { position: position ?? 0, stop: () => remove(listener) };
    },
    read,
  };
}

/**
 * Which of `entries` (read after `position`, oldest first) may be passed on at `now`, and the
 * tail's state after them.
 *
 * Ids come from one sequence and rise by one, but they are taken before the commit: in
 * PostgreSQL a transaction that commits later can hold a smaller id than one already visible
 * (the write lock of postgres-store.ts keeps Rampart's own writes in order, but this does not
 * rely on it), and one that rolls back leaves its id unused for good. So an entry that follows
 * a missing id is held back until the missing one appears, or until it has been missing for
 * `gapMs`, when it is taken for a rollback and passed over. Entries thus go out in id order,
 * each once; only an entry whose transaction commits more than `gapMs` after its id was
 * passed over would be left out. What a rollback costs is that the entries after it arrive
 * up to `gapMs` late.
 *
 * @example
 * const { passed, position, missing } = settle(entries, 41, undefined, Date.now(), 2_000);
 */
export function settle(
  entries: readonly AuditEntry[],
  position: number,
  missing: MissingId | undefined,
  now: number,
  gapMs: number,
): { passed: AuditEntry[]; position: number; missing: MissingId | undefined } {
  const passed: AuditEntry[] = [];
  let at = position;
  let waiting = missing;
  for (const entry of entries) {
    const id = Number(entry.id);
    if (id <= at) continue;
    if (id > at + 1) {
      if (waiting?.id !== at + 1) waiting = { id: at + 1, since: now };
      if (now - waiting.since < gapMs) break;
    }
    passed.push(entry);
    at = id;
    waiting = undefined;
  }
  return { passed, position: at, missing: waiting };
}
