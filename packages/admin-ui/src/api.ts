import { createRampartClient, RampartApiError, unwrap, type Schemas } from '@rampart/api-client';

export { RampartApiError, unwrap, type Schemas };

/**
 * The admin API of the server that serves this page, signed in by the session cookie (the
 * browser sends it, and the page's own Origin, which the server requires of cookie writes).
 */
export const api = createRampartClient({ baseUrl: window.location.origin });

/** The message of an error for people, and the fields the server named. */
export function problemOf(error: unknown): { message: string; fields: Map<string, string> } {
  if (error instanceof RampartApiError) {
    return { message: error.message, fields: new Map(error.details.map((detail) => [detail.path, detail.message])) };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: new Map() };
}
