import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutput } from './output.js';

/** A stream that says it is a terminal and keeps what is written. */
function terminal() {
  const written: string[] = [];
  const stream = { isTTY: true, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('draws one spinner for work that waits, even with work inside it, and erases it after', async () => {
    const { stream: stdout } = terminal();
    const { stream: stderr, written } = terminal();
    const out = createOutput(false, stdout, stderr);
    let finish: () => void = () => undefined;
    const done = out.progress('applying', () =>
      out.progress('waiting for the server', () => new Promise<void>((resolve) => (finish = resolve))),
    );
    await vi.advanceTimersByTimeAsync(100);
    expect(written).toEqual([]); // quick answers never flicker
    await vi.advanceTimersByTimeAsync(300);
    expect(written.length).toBeGreaterThan(1);
    expect(written.every((text) => text.includes('applying'))).toBe(true);
    finish();
    await done;
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('draws nothing when stderr is not a terminal', async () => {
    const { stream: stdout } = terminal();
    const written: string[] = [];
    const stderr = { isTTY: false, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream;
    const out = createOutput(false, stdout, stderr);
    const done = out.progress('applying', () => new Promise((resolve) => setTimeout(resolve, 1_000)));
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(written).toEqual([]);
  });
});
