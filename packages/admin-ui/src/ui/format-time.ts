export interface TimeFormat {
  /** Default: the browser's. */
  locale?: string;
  /** Default: the browser's. */
  timeZone?: string;
  /** To the second rather than to the minute. */
  seconds?: boolean;
}

/**
 * A timestamp as people read it: date and time to the minute, in their own locale and zone.
 * Text that is not a date comes back as it is.
 *
 * @example
 * formatTime('2030-01-01T12:00:00.000Z', { locale: 'en-GB', timeZone: 'UTC' }); // '1 Jan 2030, 12:00'
 */
export function formatTime(iso: string, { locale, timeZone, seconds = false }: TimeFormat = {}): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const timeStyle = seconds ? 'medium' : 'short';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle, timeZone }).format(at);
}
