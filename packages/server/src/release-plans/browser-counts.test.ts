import { compile, guardArm, type EvaluationContext, type Snapshot, type SnapshotFlag } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import type { EnvironmentView } from '../delivery/index.js';
import { createBrowserCounts, DEFAULT_BROWSER_INTERVAL_MS, type BrowserCountsOptions } from './browser-counts.js';
import type { BatchCounts } from './guard-progress.js';
import type { PendingCounts } from './guard-counts.js';

const EVENT = 'checkout-error';
const KEY = 'client-key-1';

/** `checkout`, client-side, on for half the users by `userId` on its rule `ramp`, which a plan guards at `batch`. */
function viewAt(batch: string, version = 1): EnvironmentView {
  const checkout: SnapshotFlag = {
    key: 'checkout',
    clientSide: true,
    enabled: true,
    rules: [{ id: 'ramp', rollout: { percentage: 50, bucketBy: ['userId'] } }],
    guard: { ruleId: 'ramp', event: EVENT, batch },
  };
  const snapshot: Snapshot = { environment: 'production', version, flags: [checkout], segments: [] };
  return { environment: 'production', version, snapshot, compiled: compile(snapshot) };
}

/** A `PendingCounts` that keeps what each interval adds, in order. */
function recorder() {
  const added: { batch: string; counts: BatchCounts }[] = [];
  const pending: PendingCounts = {
    add(_environment, _flag, batch, counts) {
      added.push({ batch, counts });
      return true;
    },
    take: () => [],
    restore() {},
    size: () => added.length,
  };
  return { pending, added };
}

/** `count` users of one arm of `checkout` at `view`. */
function usersIn(view: EnvironmentView, arm: 'treatment' | 'control', count: number): EvaluationContext[] {
  const found: EvaluationContext[] = [];
  for (let i = 0; found.length < count; i++) {
    const context = { userId: `user-${i}` };
    if (guardArm(view.compiled, 'checkout', context)?.arm === arm) found.push(context);
  }
  return found;
}

function setup(options: Partial<BrowserCountsOptions> = {}) {
  let now = 1_000_000;
  const browsers = createBrowserCounts({ startedAt: now, ...options });
  const { pending, added } = recorder();
  /** Ends the interval under way, as the collector does: its counts go to `added`. */
  const nextInterval = () => {
    now += DEFAULT_BROWSER_INTERVAL_MS;
    expect(browsers.close(now, pending)).toBe(true);
  };
  return { browsers, added, nextInterval };
}

describe('browser counts', () => {
  it('counts a browser that fails in every interval one event per batch, and one more in the next batch', () => {
    const { browsers, added, nextInterval } = setup();
    const b1 = viewAt('plan1:1:1');
    const b2 = viewAt('plan1:2:2', 2);
    const [user = {}] = usersIn(b1, 'treatment', 1);
    const failEveryInterval = (view: EnvironmentView, intervals: number) => {
      for (let i = 0; i < intervals; i++) {
        browsers.exposed(KEY, view, user);
        browsers.tracked(KEY, view, EVENT, user);
        browsers.tracked(KEY, view, EVENT, user);
        nextInterval();
      }
    };
    failEveryInterval(b1, 4);
    failEveryInterval(b2, 3);
    const entry = (batch: string, events: number) => ({
      batch,
      counts: { treatment: { exposures: 1, events }, control: { exposures: 0, events: 0 } },
    });
    expect(added).toEqual([
      entry('plan1:1:1', 1),
      entry('plan1:1:1', 0),
      entry('plan1:1:1', 0),
      entry('plan1:1:1', 0),
      entry('plan1:2:2', 1),
      entry('plan1:2:2', 0),
      entry('plan1:2:2', 0),
    ]);
    expect(browsers.stats()).toMatchObject({ eventsCapped: 0, eventUnits: 1 });
  });

  it('counts the same browser once per batch for each client key, and still only when exposed in the interval', () => {
    const { browsers, added, nextInterval } = setup();
    const view = viewAt('plan1:1:1');
    const [user = {}] = usersIn(view, 'control', 1);
    browsers.tracked(KEY, view, EVENT, user); // not exposed yet
    browsers.exposed(KEY, view, user);
    browsers.exposed('client-key-2', view, user);
    browsers.tracked(KEY, view, EVENT, user);
    browsers.tracked('client-key-2', view, EVENT, user);
    nextInterval();
    // One entry per key, each with the browser's event.
    expect(added.map(({ counts }) => counts.control)).toEqual([
      { exposures: 1, events: 1 },
      { exposures: 1, events: 1 },
    ]);
    browsers.tracked(KEY, view, EVENT, user); // exposed in the last interval, not this one
    nextInterval();
    expect(added).toHaveLength(2);
  });

  it('stops counting a batch’s events in both arms once either holds maxEventUnits units, for the rest of the batch', () => {
    const { browsers, added, nextInterval } = setup({ maxEventUnits: 3 });
    const b1 = viewAt('plan1:1:1');
    const treatment = usersIn(b1, 'treatment', 4);
    const [control = {}, lateControl = {}] = usersIn(b1, 'control', 2);
    const fail = (view: EnvironmentView, contexts: EvaluationContext[]) => {
      for (const context of contexts) {
        browsers.exposed(KEY, view, context);
        browsers.tracked(KEY, view, EVENT, context);
      }
    };
    fail(b1, [control, ...treatment]); // the fourth treatment unit is one too many
    nextInterval();
    fail(b1, [lateControl, control]); // the other arm has stopped too; a unit counted already is no loss
    nextInterval();
    fail(viewAt('plan1:2:2', 2), [lateControl, ...treatment.slice(0, 1)]); // a new batch starts afresh
    nextInterval();
    expect(added.map(({ batch, counts }) => [batch, counts.treatment.events, counts.control.events])).toEqual([
      ['plan1:1:1', 3, 1],
      ['plan1:1:1', 0, 0],
      ['plan1:2:2', 1, 1],
    ]);
    expect(browsers.stats()).toMatchObject({ eventsCapped: 2, eventUnits: 2 });
  });

  it('lets go of a batch’s units once the flag has another batch, or no guard', () => {
    const { browsers, nextInterval } = setup();
    const b1 = viewAt('plan1:1:1');
    for (const context of usersIn(b1, 'treatment', 5)) {
      browsers.exposed(KEY, b1, context);
      browsers.tracked(KEY, b1, EVENT, context);
    }
    nextInterval();
    expect(browsers.stats().eventUnits).toBe(5);
    browsers.exposed('client-key-2', viewAt('plan1:2:2', 2), { userId: 'someone' });
    nextInterval();
    expect(browsers.stats().eventUnits).toBe(0);
  });
});
