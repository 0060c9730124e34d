import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of an installed package, read from its package.json in the nearest
 * node_modules (for packages whose `exports` hide their package.json).
 */
export function installedVersion(name: string): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
      return typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string'
        ? parsed.version
        : '?';
    }
    dir = dirname(dir);
  }
  return '(not installed)';
}
