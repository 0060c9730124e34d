const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/**
 * Milliseconds since the epoch of an ISO 8601 date (`2025-03-01`) or date-time
 * (`2025-03-01T12:00:00`, with an optional fraction and offset; no offset means UTC), or
 * `undefined` when `text` is not one. Unlike `Date.parse`, it refuses other formats, reads a
 * date-time without an offset as UTC rather than local time, and refuses impossible dates.
 *
 * @example
 * parseIsoDate('2025-03-01T12:00:00'); // 1740830400000
 */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_8601.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 31 April over into 1 May; a date that rolled over did not exist.
  if (new Date(local).getUTCDate() !== day) return undefined;
  return local - offsetMinutes(zone) * 60_000;
}
