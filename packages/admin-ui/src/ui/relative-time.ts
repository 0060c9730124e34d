import { formatTime, type TimeFormat } from './format-time.js';

const STEPS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * How far a moment is from `now`, in its largest whole unit: "in 4 minutes", "2 hours ago",
 * "now". In English, as is the rest of the UI.
 *
 * @example
 * relativeTime('2030-01-01T12:04:00Z', Date.parse('2030-01-01T12:00:00Z')); // 'in 4 minutes'
 */
export function relativeTime(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 5) return 'now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'now';
}

/**
 * A moment in the reader's zone, to the second: the time of a step or a change matters to the second.
 *
 * @example
 * formatMoment('2030-01-01T12:00:00Z', { locale: 'en-GB', timeZone: 'UTC' }); // '1 Jan 2030, 12:00:00'
 */
export function formatMoment(iso: string, format: Omit<TimeFormat, 'seconds'> = {}): string {
  return formatTime(iso, { ...format, seconds: true });
}
