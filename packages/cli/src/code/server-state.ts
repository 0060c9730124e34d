import { unwrap, type Schemas } from '@rampart/api-client';
import type { Session } from '../session.js';

/** What the server holds, as flags as code reads it. */
export interface ServerState {
  environments: Schemas['Environment'][];
  segments: Schemas['Segment'][];
  /** Live and archived flags (those asked for), by key, with their configuration in every environment. */
  flags: Map<string, Schemas['FlagWithEnvironments']>;
  /** The key of every live flag, read or not. */
  liveFlags: string[];
}

/** How many flags are read at once. */
const PARALLEL_READS = 8;

/**
 * Reads environments, segments and flags (each flag with its configurations; only those in
 * `only` when given).
 *
 * @example
 * const state = await readServerState(session, new Set(['new-checkout']));
 */
export async function readServerState(session: Session, only?: ReadonlySet<string>): Promise<ServerState> {
  const { client } = session;
  const [{ environments }, { segments }, live, archived] = await Promise.all([
    unwrap(client.GET('/api/v1/environments')),
    unwrap(client.GET('/api/v1/segments')),
    unwrap(client.GET('/api/v1/flags')),
    unwrap(client.GET('/api/v1/flags', { params: { query: { archived: 'true' } } })),
  ]);
  const keys = [...live.flags, ...archived.flags].map((flag) => flag.key).filter((key) => only?.has(key) ?? true);
  const flags = new Map<string, Schemas['FlagWithEnvironments']>();
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      flags.set(key, await unwrap(client.GET('/api/v1/flags/{key}', { params: { path: { key } } })));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, keys.length) }, worker));
  return { environments, segments, flags, liveFlags: live.flags.map((flag) => flag.key) };
}
