import { RampartApiError, type AuditEntry, type AuditStreamEvent } from '@rampart/api-client';

const FIRST_DELAY_MS = 1_000;
const LONGEST_DELAY_MS = 30_000;

export interface FollowOptions {
  /** One connection to the live audit log, resuming after `after` (`auditStream`). */
  open(after: string | undefined, signal: AbortSignal): AsyncIterable<AuditStreamEvent>;
  /** Start after this entry; undefined: from the newest when the stream opens. */
  after: string | undefined;
  /** Aborted on SIGINT or SIGTERM: following then ends quietly. */
  signal: AbortSignal;
  /** Each new entry, oldest first, once. */
  onEntry(entry: AuditEntry): void;
  /**
   * The server missed more entries than it replays: read them another way (the latest page),
   * show those after `after`, and give the newest id to go on after.
   */
  onReset(after: string | undefined): Promise<string | undefined>;
  /** The stream is open (every time it opens). */
  onReady?(): void;
  /** Waits `ms` before reconnecting after `error`, ending early when `signal` aborts; shows it to people. */
  wait(ms: number, error: unknown, signal: AbortSignal): Promise<void>;
}

/**
 * Follows the live audit log until `signal` aborts. When the stream drops or the server is
 * unreachable it reconnects after 1 s, then 2, 4 … up to 30 s, resuming after the last entry
 * seen, so that nothing is missed or shown twice. A refused credential (401, 403) or a request
 * the server rejects is thrown at once, and so is a failure of the first connection.
 *
 * @example
 * await followAudit({ open: (after, signal) => auditStream({ baseUrl, token, after, signal }), after, signal, … });
 */
export async function followAudit(options: FollowOptions): Promise<void> {
  const { signal } = options;
  let after = options.after;
  let delay = FIRST_DELAY_MS;
  let opened = false;
  while (!signal.aborted) {
    let failure: unknown = new Error('the server ended the stream');
    try {
      for await (const event of options.open(after, signal)) {
        if (event.type === 'ready') {
          opened = true;
          delay = FIRST_DELAY_MS;
          // An empty log: resume after nothing, so that entries made while reconnecting are not lost.
          after ??= event.after ?? '0';
          options.onReady?.();
        } else if (event.type === 'audit') {
          if (after !== undefined && !isAfter(event.entry.id, after)) continue;
          after = event.entry.id;
          options.onEntry(event.entry);
        } else {
          after = (await options.onReset(after)) ?? after;
        }
      }
    } catch (error) {
      if (!opened || !isPassing(error)) throw error;
      failure = error;
    }
    if (signal.aborted) return;
    await options.wait(delay, failure, signal);
    delay = Math.min(delay * 2, LONGEST_DELAY_MS);
  }
}

/** Whether trying again later may work: no answer, a timeout, too many requests, or a server error. */
function isPassing(error: unknown): boolean {
  if (!(error instanceof RampartApiError)) return false;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/**
 * Whether entry id `id` comes after `other`: ids are increasing decimal numbers, compared
 * without losing precision.
 *
 * @example
 * isAfter('10', '9'); // true
 */
export function isAfter(id: string, other: string): boolean {
  if (!/^\d+$/.test(id) || !/^\d+$/.test(other)) return id !== other;
  return id.length === other.length ? id > other : id.length > other.length;
}
