import type { FlagRecord, StoreReader } from '../store/store.js';
import type { ConfigContext } from './config-problems.js';

/**
 * Reads what {@link configProblems} checks a configuration of `flag` in `environment` against.
 *
 * @example
 * const context = await loadConfigContext(tx, flag, 'production');
 */
export async function loadConfigContext(
  reader: StoreReader,
  flag: FlagRecord,
  environment: string,
): Promise<ConfigContext> {
  // One after another: inside a transaction they share one connection, which runs one query
  // at a time anyway (and node-postgres warns about queries queued on a busy client).
  const segments = await reader.listSegments();
  const live = await reader.listFlags({ archived: false });
  const archived = await reader.listFlags({ archived: true });
  const configs = await reader.listFlagConfigs({ environment });
  return {
    flag,
    segmentKeys: new Set(segments.map((segment) => segment.key)),
    flags: new Map([...live, ...archived].map((record) => [record.key, record])),
    configs,
  };
}
