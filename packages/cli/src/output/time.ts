const UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
] as const;

const two = (value: number) => String(value).padStart(2, '0');

/**
 * A moment in the reader's time zone, to the second, as people read logs.
 *
 * @example
 * formatTime('2030-01-01T12:03:04.000Z'); // '2030-01-01 12:03:04' (in UTC)
 */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${formatClock(iso)}`;
}

/**
 * The time of day of a moment in the reader's time zone.
 *
 * @example
 * formatClock('2030-01-01T12:03:04.000Z'); // '12:03:04' (in UTC)
 */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * A number of seconds in the largest units that hold it, as `--hold` takes them.
 *
 * @example
 * formatDuration(5_400); // '1h30m'
 * formatDuration(0); // '0s'
 */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length === 0 ? '0s' : parts.slice(0, 2).join('');
}

/**
 * How far a moment is from `now`: "in 4m" or "3m ago".
 *
 * @example
 * fromNow('2030-01-01T12:04:00Z', Date.parse('2030-01-01T12:00:00Z')); // 'in 4m'
 */
export function fromNow(iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Number.isNaN(seconds)) return '';
  if (Math.abs(seconds) < 1) return 'now';
  return seconds > 0 ? `in ${formatDuration(seconds)}` : `${formatDuration(-seconds)} ago`;
}
