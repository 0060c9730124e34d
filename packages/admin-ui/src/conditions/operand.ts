/**
 * Operands as people type them and as conditions carry them (`values: string[]`).
 */

/**
 * A list typed one entry per line, as `values`; empty lines are kept while typing (so that
 * Enter makes a new line) and dropped by {@link listValues}.
 *
 * @example
 * linesOf('pro\nteam'); // ['pro', 'team']
 */
export function linesOf(text: string): string[] {
  return text.split('\n');
}

/**
 * The entries of a list that a condition keeps: blank lines dropped, the rest as typed.
 *
 * @example
 * listValues(['pro', '', '  ', 'team']); // ['pro', 'team']
 */
export function listValues(values: readonly string[]): string[] {
  return values.filter((value) => value.trim() !== '');
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2})(?::(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** `+02`, `+0200` or `+02:00` as `+02:00`; none or `Z` as `Z` (no offset means UTC in the model). */
function offsetOf(zone: string | undefined): string {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0] ?? '+'}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

/**
 * An ISO 8601 operand as a `datetime-local` input's value, in UTC (the model reads a date
 * without an offset as UTC); `undefined` when the text is not a date the input can show.
 * Fractions of a second are not shown.
 *
 * @example
 * dateTimeInputOf('2030-01-01T12:00:00+02:00'); // '2030-01-01T10:00'
 */
export function dateTimeInputOf(iso: string): string | undefined {
  const match = DATE_TIME.exec(iso.trim());
  if (match === null) return undefined;
  const [, date = '', time = '00:00', seconds = '00', zone] = match;
  // Date rolls 31 April over into 1 May; the model refuses such a date, so the input shows none.
  if (!new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) return undefined;
  const parsed = new Date(`${date}T${time}:${seconds}${offsetOf(zone)}`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  const text = parsed.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  return text.slice(17, 19) === '00' ? text.slice(0, 16) : text.slice(0, 19);
}

/**
 * A `datetime-local` input's value (read as UTC) as the operand stored: ISO 8601 with `Z`.
 * An empty input gives an empty operand.
 *
 * @example
 * isoOfDateTimeInput('2030-01-01T10:00'); // '2030-01-01T10:00:00Z'
 */
export function isoOfDateTimeInput(value: string): string {
  if (value === '') return '';
  return value.length === 16 ? `${value}:00Z` : `${value}Z`;
}

// SemVer 2.0's own expression (semver.org), strict: no leading "v", no spaces.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Whether a text is a strict SemVer 2.0 version, as the `semver_*` operators read them.
 *
 * @example
 * isSemver('2.0.0-beta.1'); // true
 * isSemver('v2.0.0'); // false
 */
export function isSemver(text: string): boolean {
  return SEMVER.test(text);
}

/**
 * Whether a text reads as a finite number the way the `num_*` operators read it.
 *
 * @example
 * isNumber('1e3'); // true
 * isNumber(''); // false
 */
export function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}
