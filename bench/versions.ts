import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The installed version of a package, for the report's labels. */
export function packageVersion(name: string): string {
  try {
    const manifest: unknown = require(`${name}/package.json`);
    if (typeof manifest === 'object' && manifest !== null && 'version' in manifest) {
      return typeof manifest.version === 'string' ? manifest.version : '?';
    }
    return '?';
  } catch {
    return '(not installed)';
  }
}
