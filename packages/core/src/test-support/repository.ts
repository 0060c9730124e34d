import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The tracked files under `paths` (relative to the repository's root) whose text contains
 * `needle`, as they are in the working tree. Needs a git checkout.
 *
 * @example
 * trackedFilesMentioning('TODO', ['packages', 'docs']); // ['packages/core/src/x.ts', …]
 */
export function trackedFilesMentioning(needle: string, paths: string[]): string[] {
  try {
    const output = execFileSync('git', ['grep', '-l', '-F', '-e', needle, '--', ...paths], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    });
    return output.split('\n').filter((line) => line !== '');
  } catch (error) {
    // git grep exits with 1 when nothing matches; anything else is a real failure.
    if (error instanceof Error && Reflect.get(error, 'status') === 1) return [];
    throw error;
  }
}
