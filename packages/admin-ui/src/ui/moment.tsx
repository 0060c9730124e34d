import { formatMoment, relativeTime } from './relative-time.js';

/**
 * A moment as a `<time>`: the date and time to the second in the reader's zone, and with `now`
 * how far it is from then ("in 4 minutes").
 */
export function Moment({ iso, now }: { iso: string; now?: number }) {
  return (
    <>
      <time dateTime={iso}>{formatMoment(iso)}</time>
      {now !== undefined && ` (${relativeTime(iso, now)})`}
    </>
  );
}
