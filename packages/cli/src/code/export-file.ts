import { stringify } from 'yaml';
import { byKey, canonicalConfig, fileFlagFields, fileSegment, flagFields, segmentFields } from './canonical.js';
import type { FileFlag, FlagsFile } from './file-schema.js';
import type { ServerState } from './server-state.js';

/** The first line of an exported file: editors that read it complete and check the rest. */
export const SCHEMA_COMMENT = '# yaml-language-server: $schema=rampart.schema.json';

/**
 * The server's flags, segments and configurations as a flags-as-code file, everything in key
 * order, defaults left out. Archived flags are written with `archived: true` and no
 * configurations (apply does not manage an archived flag's configurations). `environments`
 * limits the configurations and environments written.
 *
 * @example
 * process.stdout.write(toYaml(exportFile(state)));
 */
export function exportFile(state: ServerState, environments?: readonly string[]): FlagsFile {
  const wanted = (key: string) => environments === undefined || environments.includes(key);
  const flags: FileFlag[] = [...state.flags.values()].sort(byKey).map((flag) => {
    const fields = fileFlagFields(flagFields(flag));
    if (flag.archived) return { key: flag.key, ...fields };
    const configs = Object.entries(flag.environments)
      .filter(([key]) => wanted(key))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, config]) => [key, canonicalConfig(config)] as const);
    return { key: flag.key, ...fields, ...(configs.length === 0 ? {} : { environments: Object.fromEntries(configs) }) };
  });
  return {
    version: 1,
    environments: state.environments
      .filter((environment) => wanted(environment.key))
      .sort(byKey)
      .map(({ key, name }) => (name === key ? { key } : { key, name })),
    segments: [...state.segments].sort(byKey).map((segment) => fileSegment(segment.key, segmentFields(segment))),
    flags,
  };
}

export function toYaml(file: FlagsFile): string {
  return `${SCHEMA_COMMENT}\n${stringify(file, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
