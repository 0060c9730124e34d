const SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };

const UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
] as const;

/**
 * `90s`, `10m`, `2h` or `1d` (units may be combined, `1h30m`, and spaced, `1h 30m`) in seconds;
 * `undefined` for anything else, a bare number included: "10" could be seconds or minutes.
 *
 * @example
 * parseDuration('1h30m'); // 5400
 * parseDuration('10'); // undefined
 */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!/^(\d+[smhd])+$/.test(compact)) return undefined;
  let seconds = 0;
  for (const [, count, unit] of compact.matchAll(/(\d+)([smhd])/g))
    seconds += Number(count) * (SECONDS[unit ?? ''] ?? 0);
  return seconds;
}

/**
 * A number of seconds in its two largest units, as people say it.
 *
 * @example
 * formatDuration(5_400); // '1 h 30 min'
 * formatDuration(600); // '10 min'
 * formatDuration(0); // '0 s'
 */
export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.length === 0 ? '0 s' : parts.slice(0, 2).join(' ');
}
