import { createOutput, type Output } from './output/output.js';
import { openSession, type GlobalOptions, type Session } from './session.js';

/** The output and the session a command that talks to the server needs. */
export function connect(options: Record<string, unknown>): Session {
  const global = options as GlobalOptions;
  return openSession(global, outputFor(options));
}

export function outputFor(options: Record<string, unknown>): Output {
  return createOutput(options.json === true);
}

/** An option's value as a string, or undefined. */
export const text = (options: Record<string, unknown>, name: string): string | undefined =>
  typeof options[name] === 'string' ? (options[name] as string) : undefined;
