import { describe, expect, it } from 'vitest';
import { webPlatform } from '../stream/platform';
import { createFakeClock } from './fake-clock';

describe('createFakeClock', () => {
  it('fires timers only when advanced past their time, in time order and, at equal times, in the order set', async () => {
    const clock = createFakeClock(1_000, webPlatform().setTimeout);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 200);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(101);
    expect(fired).toEqual(['a@1100', 'b@1200', 'c@1200']);
    expect(clock.now()).toBe(1_200);
  });

  it('fires the timers that a timer sets when they fall due within the same advance', async () => {
    const clock = createFakeClock(0, webPlatform().setTimeout);
    const fired: number[] = [];
    const tick = () => {
      fired.push(clock.now());
      clock.setTimeout(tick, 300);
    };
    clock.setTimeout(tick, 300);
    await clock.advance(1_000);
    expect(fired).toEqual([300, 600, 900]);
    expect(clock.pendingTimers).toBe(1);
  });

  it('never fires a cleared timer, and lets promise chains a timer starts run before the next one', async () => {
    const clock = createFakeClock(0, webPlatform().setTimeout);
    const seen: string[] = [];
    const cleared = clock.setTimeout(() => seen.push('cleared'), 10);
    clock.clearTimeout(cleared);
    clock.setTimeout(() => void Promise.resolve().then(() => seen.push('settled')), 20);
    clock.setTimeout(() => seen.push('next'), 30);
    await clock.advance(30);
    expect(seen).toEqual(['settled', 'next']);
    expect(clock.pendingTimers).toBe(0);
  });
});
