import { readFileSync } from 'node:fs';

/**
 * Reads a JSON file of `packages/core/test-data`: language-neutral vectors that every SDK's
 * evaluation must reproduce, kept in the repository so that a fresh clone tests on its own.
 */
export function readTestData(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../test-data/${name}`, import.meta.url), 'utf8'));
}
