import { createFakePlatform } from '@rampart/core/testing';
import { describe, expect, it } from 'vitest';
import { createPoller } from './poller.js';

const SNAPSHOT = JSON.stringify({ environment: 'production', version: 2, flags: [], segments: [] });

/** A poller over a fake platform whose answers the test decides, recording what it reports. */
function setUp(respond: Parameters<typeof createFakePlatform>[0]) {
  const platform = createFakePlatform(respond);
  const outcomes: string[] = [];
  const snapshots: number[] = [];
  const poller = createPoller({
    platform,
    url: 'http://rampart.test/api/v1/sdk/flags',
    headers: {},
    intervalMs: 1_000,
    version: () => 1,
    onSnapshot: (snapshot) => snapshots.push(snapshot.version),
    onOutcome: (ok, detail) => outcomes.push(`${ok} ${detail}`),
    onRejected: () => outcomes.push('rejected'),
  });
  return { platform, poller, outcomes, snapshots };
}

describe('the poller', () => {
  it('gives up on a poll that does not answer within its interval, and polls on', async () => {
    // Every answer starts and never ends, as a stalled connection does.
    const { platform, poller, outcomes } = setUp({ respond: () => 200 });
    poller.start();
    await platform.advance(1_000);
    expect(platform.requests).toHaveLength(1);
    await platform.advance(1_000);
    expect(platform.requests[0]?.aborted).toBe(true);
    expect(outcomes).toEqual(['false no answer within 1000 ms']);
    await platform.advance(1_000);
    expect(platform.requests).toHaveLength(2);
    poller.stop();
  });

  it('reports nothing of a poll that was in flight when it stopped, and starts afresh', async () => {
    const { platform, poller, outcomes, snapshots } = setUp({ respond: () => 200 });
    poller.start();
    await platform.advance(1_000);
    const first = platform.last;
    poller.stop();
    expect(first.aborted).toBe(true);
    first.write(SNAPSHOT);
    first.end();
    await platform.settle();
    expect(outcomes).toEqual([]);
    expect(snapshots).toEqual([]);
    // Started again: one poll per interval, not two loops.
    poller.start();
    await platform.advance(1_000);
    platform.last.write(SNAPSHOT);
    platform.last.end();
    await platform.settle();
    await platform.advance(1_000);
    expect(platform.requests).toHaveLength(3);
    expect(snapshots).toEqual([2]);
    poller.stop();
  });
});
