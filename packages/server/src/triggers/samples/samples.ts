import { readFileSync } from 'node:fs';

/**
 * The bytes of the sample payload `name`, a file in this folder, for tests.
 *
 * @example
 * readAlertPayload('application/json', readSample('alertmanager-firing.json'));
 */
export function readSample(name: string): Uint8Array {
  if (!/^[\w-][\w.-]*$/.test(name)) throw new Error(`not a sample's file name: ${name}`);
  return new Uint8Array(readFileSync(new URL(name, import.meta.url)));
}
