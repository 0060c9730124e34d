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
  const [segments, live, archived, configs] = await Promise.all([
    reader.listSegments(),
    reader.listFlags({ archived: false }),
    reader.listFlags({ archived: true }),
    reader.listFlagConfigs({ environment }),
  ]);
  return {
    flag,
    segmentKeys: new Set(segments.map((segment) => segment.key)),
    flags: new Map([...live, ...archived].map((record) => [record.key, record])),
    configs,
  };
}
