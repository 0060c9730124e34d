import type { ChangeRow } from './rows.js';
import type { ChangedKeys, ChangeRecord } from './store.js';

/**
 * The change-log rows of one environment version: one per distinct flag and segment.
 *
 * @example
 * changeRows('production', 7, { flags: ['a', 'a'] });
 * // [{ environment: 'production', version: 7, kind: 'flag', key: 'a' }]
 */
export function changeRows(environment: string, version: number, changed: ChangedKeys): ChangeRow[] {
  return [
    ...[...new Set(changed.flags)].map((key) => ({ kind: 'flag', key })),
    ...[...new Set(changed.segments)].map((key) => ({ kind: 'segment', key })),
  ].map((entry) => ({ ...entry, environment, version }));
}

/**
 * Change-log rows, ordered by version, grouped into one record per version.
 *
 * @example
 * groupChanges(await rows.listChanges('production', 0)); // [{ version: 1, flags: ['a'], segments: [] }, …]
 */
export function groupChanges(rows: readonly ChangeRow[]): ChangeRecord[] {
  const byVersion = new Map<number, ChangeRecord>();
  for (const row of rows) {
    const record = byVersion.get(row.version) ?? { version: row.version, flags: [], segments: [] };
    (row.kind === 'flag' ? record.flags : record.segments).push(row.key);
    byVersion.set(row.version, record);
  }
  return [...byVersion.values()];
}
