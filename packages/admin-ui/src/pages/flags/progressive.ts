import { useEffect, useState } from 'react';

/** Rows mounted at once: one frame's work stays well under the 50 ms a long task starts at. */
export const FIRST_ROWS = 60;
export const ROWS_PER_FRAME = 60;

/**
 * How many of `items` to show: the first few at once, then more on each animation frame until
 * all are in, starting again whenever the list changes. Mounting 1,000 flags' rows in one go
 * blocks the page for half a second (bench/ui-list.ts); in steps, typing and scrolling go on.
 *
 * @example
 * const shown = useProgressive(flags);
 * flags.slice(0, shown).map(…);
 */
export function useProgressive(items: readonly unknown[]): number {
  const [shown, setShown] = useState(FIRST_ROWS);
  useEffect(() => setShown(FIRST_ROWS), [items]);
  useEffect(() => {
    if (shown >= items.length) return;
    const frame = requestAnimationFrame(() => setShown((count) => count + ROWS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [shown, items.length]);
  return Math.min(shown, items.length);
}
