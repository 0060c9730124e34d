import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { configRecord } from '../store/contract-fixtures.js';
import type { Store } from '../store/store.js';

/**
 * A copy of a dialect's migrations folder that stops at the first release's (`0000_init`), to
 * make a database as that release left it. The copy is removed when the test ends.
 *
 * @example
 * const store = createSqliteStore({ filename, migrationsFolder: firstReleaseMigrations(folder) });
 */
export function firstReleaseMigrations(folder: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'rampart-migrations-'));
  onTestFinished(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(folder, copy, { recursive: true });
  const journalPath = join(copy, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  expect(journal.entries[0]?.tag).toBe('0000_init');
  return copy;
}

const AT = '2030-01-01T00:00:00.000Z';
const variants = [{ key: 'wide', value: 'wide', weight: 1 }];

/**
 * Rows as the first release wrote them, in SQL that both dialects read: its code cannot write
 * them now, as the store writes every column of today's schema.
 */
export const FIRST_RELEASE_ROWS = [
  `INSERT INTO environments (key, name, version, created_at) VALUES ('production', 'production', 0, '${AT}')`,
  `INSERT INTO flags (key, type, description, tags, owner, temporary, client_side, archived, created_at, updated_at)
   VALUES ('layout', 'string', '', '[]', '', false, false, false, '${AT}', '${AT}')`,
  `INSERT INTO flag_configs (flag_key, environment, enabled, rules, variants, prerequisites, version, updated_at)
   VALUES ('layout', 'production', true, '[]', '${JSON.stringify(variants)}', '[]', 1, '${AT}')`,
];

/** After the upgrade: the configuration reads back as it was stored, and takes a default variant. */
export async function expectUpgraded(store: Store): Promise<void> {
  const stored = configRecord('layout', 'production', { enabled: true, variants });
  expect(await store.getFlagConfig('layout', 'production')).toEqual(stored);
  const next = { ...stored, defaultVariant: 'wide', version: 2 };
  await store.transaction((tx) => tx.putFlagConfig(next));
  expect(await store.getFlagConfig('layout', 'production')).toEqual(next);
}
