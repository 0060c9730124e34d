import { describe, expect, it } from 'vitest';
import { createChangeLog, type LogEntry } from './change-log.js';

const entry = (from: number, to: number, size = 1): LogEntry => ({ from, to, bytes: new Uint8Array(size) });
const versions = (entries: readonly LogEntry[] | undefined) => entries?.map((e) => e.to);

describe('change log', () => {
  it('gives the entries after a version, oldest first, and nothing to a client that is current', () => {
    const log = createChangeLog({ version: 4, maxEntries: 10, maxBytes: 1_000 });
    for (const [from, to] of [
      [4, 5],
      [5, 7],
      [7, 8],
    ] as const)
      log.append(entry(from, to));
    expect(versions(log.since(4))).toEqual([5, 7, 8]);
    expect(versions(log.since(5))).toEqual([7, 8]);
    // Inside an entry that spans several versions: that entry (state, not steps) and the rest.
    expect(versions(log.since(6))).toEqual([7, 8]);
    expect(versions(log.since(8))).toEqual([]);
    expect(log.version).toBe(8);
  });

  it('answers undefined for versions before its reach or after its newest', () => {
    const log = createChangeLog({ version: 4, maxEntries: 10, maxBytes: 1_000 });
    log.append(entry(4, 5));
    expect(log.since(3)).toBeUndefined();
    expect(log.since(6)).toBeUndefined();
  });

  it('forgets the oldest entries beyond its count or byte bound, keeping the newest', () => {
    const byCount = createChangeLog({ version: 0, maxEntries: 2, maxBytes: 1_000 });
    for (let v = 1; v <= 4; v++) byCount.append(entry(v - 1, v));
    expect(byCount.since(1)).toBeUndefined();
    expect(versions(byCount.since(2))).toEqual([3, 4]);

    const byBytes = createChangeLog({ version: 0, maxEntries: 100, maxBytes: 10 });
    byBytes.append(entry(0, 1, 6));
    byBytes.append(entry(1, 2, 6));
    expect(byBytes.since(0)).toBeUndefined();
    expect(versions(byBytes.since(1))).toEqual([2]);
    byBytes.append(entry(2, 3, 50));
    expect(versions(byBytes.since(2))).toEqual([3]);
  });
});
