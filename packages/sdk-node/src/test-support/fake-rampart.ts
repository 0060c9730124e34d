/**
 * The SDK routes of a Rampart server, scripted on core's fake platform: a clock that moves
 * only when a test advances it, `/sdk/stream`, `/sdk/flags` and `/sdk/guard-counts` answered
 * as the test says, and snapshots and patches written to the open stream.
 */
import type { Snapshot, SnapshotFlag, SnapshotPatch } from '@rampart/core';
import { createFakePlatform, type FakeAnswer, type FakeRequest } from '@rampart/core/testing';

export const STREAM = '/api/v1/sdk/stream';
export const FLAGS = '/api/v1/sdk/flags';
export const GUARD_COUNTS = '/api/v1/sdk/guard-counts';

/** A flag on for everyone, unless `overrides` say otherwise. */
export function flag(key: string, overrides: Partial<SnapshotFlag> = {}): SnapshotFlag {
  return { key, enabled: true, rules: [{ id: 'everyone', rollout: { percentage: 100 } }], ...overrides };
}

export function snapshotOf(version: number, flags: SnapshotFlag[], segments: Snapshot['segments'] = []): Snapshot {
  return { environment: 'production', version, flags, segments };
}

export function patchOf(version: number, changes: Partial<Omit<SnapshotPatch, 'version'>>): SnapshotPatch {
  return { version, flags: [], deletedFlags: [], segments: [], deletedSegments: [], ...changes };
}

/**
 * @example
 * const rampart = createFakeRampart();
 * const flags = createClient({ url: rampart.url, sdkKey: 'rps_test', platform: rampart.platform });
 * rampart.sendSnapshot(snapshotOf(1, [flag('new-checkout')]));
 */
export function createFakeRampart() {
  const answers = {
    /** How `/sdk/stream` answers; an open `200` by default. */
    stream: (): FakeAnswer => 200,
    /** How `/sdk/flags` answers; `503` by default. */
    flags: (_request: FakeRequest): FakeAnswer => 503,
    /** How `/sdk/guard-counts` answers; `202`, all accepted, by default. */
    guardCounts: (request: FakeRequest): FakeAnswer => {
      const body: unknown = JSON.parse(request.body ?? '{}');
      const counts = typeof body === 'object' && body !== null && 'counts' in body ? body.counts : [];
      return { status: 202, body: JSON.stringify({ accepted: Array.isArray(counts) ? counts.length : 0, ignored: 0 }) };
    },
  };
  const platform = createFakePlatform({
    respond: (request) => {
      const path = new URL(request.url).pathname;
      if (path === STREAM) return answers.stream();
      return path === GUARD_COUNTS ? answers.guardCounts(request) : answers.flags(request);
    },
  });
  const to = (path: string) => platform.requests.filter((request) => new URL(request.url).pathname === path);
  const stream = () => {
    const open = to(STREAM).at(-1);
    if (!open) throw new Error('No stream request yet');
    return open;
  };
  return {
    url: 'http://rampart.test',
    platform,
    answers,
    /** The `/sdk/stream` requests so far. */
    streams: () => to(STREAM),
    /** The `/sdk/flags` requests so far. */
    polls: () => to(FLAGS),
    /** The `/sdk/guard-counts` requests so far. */
    uploads: () => to(GUARD_COUNTS),
    /** The bodies of the `/sdk/guard-counts` requests so far, parsed. */
    uploaded: (): unknown[] => to(GUARD_COUNTS).map((request) => JSON.parse(request.body ?? 'null')),
    /** The latest stream request: the one an open stream reads. */
    stream,
    sendSnapshot: (snapshot: Snapshot, id = String(snapshot.version)) =>
      stream().write(`event: snapshot\nid: ${id}\ndata: ${JSON.stringify(snapshot)}\n\n`),
    sendPatch: (patch: SnapshotPatch, id = String(patch.version)) =>
      stream().write(`event: patch\nid: ${id}\ndata: ${JSON.stringify(patch)}\n\n`),
    /** Ends the open stream, as a server going away does, and answers the next attempts with `status`. */
    dropStream(status = 503) {
      answers.stream = () => status;
      stream().end();
    },
  };
}
