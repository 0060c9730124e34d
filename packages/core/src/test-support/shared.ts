import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a JSON file of the shared contract (`../shared` beside the repository). */
export function readShared(path: string): unknown {
  const url = new URL(`../../../../../shared/${path}`, import.meta.url);
  try {
    return JSON.parse(readFileSync(fileURLToPath(url), 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read the shared contract file ${fileURLToPath(url)}: check out ../shared beside the repository`,
      { cause: error },
    );
  }
}
