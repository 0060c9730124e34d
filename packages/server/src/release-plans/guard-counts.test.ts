import { describe, expect, it } from 'vitest';
import { createPendingCounts } from './guard-counts.js';

const counts = (treatment: number, control: number) => ({
  treatment: { exposures: treatment, events: 1 },
  control: { exposures: control, events: 2 },
});

describe('pending guard counts', () => {
  it('sums counts per environment, flag and batch, and hands them over once', () => {
    const pending = createPendingCounts();
    expect(pending.add('production', 'a', 'p1:0:3', counts(10, 90))).toBe(true);
    expect(pending.add('production', 'a', 'p1:0:3', counts(5, 95))).toBe(true);
    expect(pending.add('production', 'a', 'p1:1:4', counts(1, 1))).toBe(true);
    expect(pending.add('staging', 'a', 'p2:0:1', counts(1, 1))).toBe(true);
    const taken = pending.take();
    expect(taken).toHaveLength(3);
    expect(taken[0]).toEqual({
      environment: 'production',
      flag: 'a',
      batch: 'p1:0:3',
      planId: 'p1',
      counts: { treatment: { exposures: 15, events: 2 }, control: { exposures: 185, events: 4 } },
    });
    expect(pending.take()).toEqual([]);
    pending.restore(taken);
    pending.add('production', 'a', 'p1:0:3', counts(1, 1));
    expect(pending.take()[0]?.counts.treatment).toEqual({ exposures: 16, events: 3 });
  });

  it('refuses a batch that is not one the server made, and anything past its bounds', () => {
    const pending = createPendingCounts({ maxBatches: 2, maxCount: 100 });
    expect(pending.add('production', 'a', 'nonsense', counts(1, 1))).toBe(false);
    expect(pending.add('production', 'a', 'p1:0:1', counts(60, 1))).toBe(true);
    expect(pending.add('production', 'a', 'p1:0:1', counts(41, 1))).toBe(false);
    expect(pending.add('production', 'b', 'p2:0:1', counts(1, 1))).toBe(true);
    expect(pending.add('production', 'c', 'p3:0:1', counts(1, 1))).toBe(false);
    expect(pending.size()).toBe(2);
    expect(pending.take().map((batch) => batch.counts.treatment.exposures)).toEqual([60, 1]);
  });
});
