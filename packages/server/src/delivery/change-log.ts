/** One patch event as sent: the versions it covers, `(from, to]`, and its encoded bytes. */
export interface LogEntry {
  readonly from: number;
  readonly to: number;
  readonly bytes: Uint8Array;
}

export interface ChangeLog {
  /** Adds the newest entry; the oldest ones fall out beyond the log's bounds. */
  append(entry: LogEntry): void;
  /**
   * The entries a client at `version` has not seen, oldest first, or `undefined` when the log
   * no longer reaches back that far (the client needs a fresh snapshot).
   */
  since(version: number): readonly LogEntry[] | undefined;
  /** The newest version the log covers. */
  readonly version: number;
}

export interface ChangeLogOptions {
  /** The version the log starts from: a client at this version has missed nothing. */
  version: number;
  /** At most this many entries. */
  maxEntries: number;
  /** At most this many bytes in all; the newest entry is always kept. */
  maxBytes: number;
}

/**
 * A bounded log of the patch events of one environment, for `Last-Event-ID` resumes. Patches
 * carry the current state of what changed, so an entry that covers more versions than the
 * client missed is still exact to apply: `since` only needs the log to reach back to it.
 *
 * @example
 * const log = createChangeLog({ version: 4, maxEntries: 1000, maxBytes: 8 << 20 });
 * log.append({ from: 4, to: 5, bytes });
 * log.since(4); // [that entry]
 * log.since(3); // undefined: too old, send a snapshot
 */
export function createChangeLog({ version, maxEntries, maxBytes }: ChangeLogOptions): ChangeLog {
  const entries: LogEntry[] = [];
  let floor = version;
  let newest = version;
  let bytes = 0;
  return {
    get version() {
      return newest;
    },
    append(entry) {
      entries.push(entry);
      bytes += entry.bytes.byteLength;
      newest = entry.to;
      while (entries.length > 1 && (entries.length > maxEntries || bytes > maxBytes)) {
        const dropped = entries.shift();
        if (dropped === undefined) break;
        bytes -= dropped.bytes.byteLength;
        floor = dropped.to;
      }
    },
    since(from) {
      if (from < floor || from > newest) return undefined;
      // Entries are in version order: find the first one the client lacks.
      let low = 0;
      let high = entries.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((entries[middle]?.to ?? Number.POSITIVE_INFINITY) <= from) low = middle + 1;
        else high = middle;
      }
      return entries.slice(low);
    },
  };
}
