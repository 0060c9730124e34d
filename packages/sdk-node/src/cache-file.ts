import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { Snapshot } from '@rampart/core';
import { isSnapshot } from './flag-state.js';

/** The snapshot saved at `path`, or `undefined` when there is none or it is not a snapshot. */
export function readCachedSnapshot(path: string): Snapshot | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isSnapshot(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Saves a snapshot atomically: a reader never sees half a file, even after a crash. */
export async function writeCachedSnapshot(path: string, snapshot: Snapshot): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(snapshot));
  await rename(temporary, path);
}
