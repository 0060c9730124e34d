import { formatTime } from './format-time.js';

/** A timestamp in the reader's locale, machine-readable too; `empty` when there is none. */
export function Time({ value, empty = '—' }: { value: string | null; empty?: string }) {
  if (value === null) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={value} title={value}>
      {formatTime(value)}
    </time>
  );
}
