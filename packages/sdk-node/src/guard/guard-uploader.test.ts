import { compile, evaluate, type TimerHandle } from '@rampart/core';
import { createFakePlatform } from '@rampart/core/testing';
import { describe, expect, it } from 'vitest';
import { flag, snapshotOf } from '../test-support/fake-rampart.js';
import { GuardCounts } from './guard-counts.js';
import { createGuardUploader } from './guard-uploader.js';

describe('the guard counts’ uploads', () => {
  it('unref their timers, so that counting never keeps a process alive', async () => {
    const fake = createFakePlatform({ respond: () => 202 });
    const unreferenced: number[] = [];
    const ids = new Map<TimerHandle, number>();
    const { fetch, createAbortController, createTextDecoder, now, random } = fake;
    const platform = {
      fetch,
      createAbortController,
      createTextDecoder,
      now,
      random,
      setTimeout(callback: () => void, ms: number): TimerHandle {
        const id = Number(fake.setTimeout(callback, ms));
        const handle = { unref: () => unreferenced.push(id) };
        ids.set(handle, id);
        return handle;
      },
      clearTimeout: (handle: TimerHandle) => fake.clearTimeout(ids.get(handle)),
    };
    const counts = new GuardCounts();
    const guarded = flag('checkout', { guard: { ruleId: 'everyone', event: 'e', batch: 'b1' } });
    const compiled = compile(snapshotOf(1, [guarded]), { onGuardedFlag: counts.onGuardedFlag });
    counts.settle();
    const uploader = createGuardUploader({
      platform,
      url: 'http://rampart.test/api/v1/sdk/guard-counts',
      headers: {},
      intervalMs: 1_000,
      counts,
      report: () => undefined,
    });
    uploader.wake();
    evaluate(compiled, 'checkout', { userId: '1' });
    await fake.advance(1_000);
    expect(fake.requests).toHaveLength(1);
    // The interval's timer, the upload's deadline and the next interval's timer.
    expect(unreferenced).toHaveLength(3);
    await uploader.close();
    expect(fake.pendingTimers).toBe(0);
  });
});
