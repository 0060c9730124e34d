import { unwrap, type Schemas } from '@rampart/api-client';
import type { JsonValue, Snapshot, SnapshotFlag, Variant } from '@rampart/core';
import { CliError } from '../cli-error.js';
import type { Session } from '../session.js';
import { withSuggestions } from '../suggest.js';

/** What evaluating one flag needs: the environment's snapshot of it, and its configuration there. */
export interface FlagSnapshot {
  snapshot: Snapshot;
  config: Schemas['FlagConfig'];
}

/**
 * The snapshot an SDK would hold for `environment`, cut down to what evaluating `key` reads:
 * the flag, its prerequisites' flags (recursively; only live ones, as SDKs receive them) and
 * every segment. A misspelled flag or environment gets the nearest keys; an archived flag is
 * refused, as SDKs never see one.
 *
 * @example
 * const { snapshot } = await readFlagSnapshot(session, 'new-checkout', 'production');
 */
export async function readFlagSnapshot(session: Session, key: string, environment: string): Promise<FlagSnapshot> {
  const { client } = session;
  const readFlag = (flag: string) => unwrap(client.GET('/api/v1/flags/{key}', { params: { path: { key: flag } } }));
  const [{ flags: live }, { segments }, wanted] = await withSuggestions(session, { flag: key, environment }, () =>
    Promise.all([
      unwrap(client.GET('/api/v1/flags', { params: { query: { environment } } })),
      unwrap(client.GET('/api/v1/segments')),
      readFlag(key),
    ]),
  );
  if (wanted.archived) {
    throw new CliError(`${key} is archived: SDKs do not receive it, and evaluate it as not found`, {
      hint: 'restore it in the UI (or PATCH /api/v1/flags/{key} with "archived": false) to evaluate it',
    });
  }
  const config = wanted.environments[environment];
  if (config === undefined) throw new CliError(`${key} has no configuration in ${environment}`);
  const liveKeys = new Set(live.map((flag) => flag.key));
  const flags: SnapshotFlag[] = [snapshotFlag(wanted, config)];
  const pending = [...config.prerequisites.map((prerequisite) => prerequisite.flag)];
  const seen = new Set([key]);
  for (let parent = pending.shift(); parent !== undefined; parent = pending.shift()) {
    if (seen.has(parent) || !liveKeys.has(parent)) continue;
    seen.add(parent);
    const flag = await readFlag(parent);
    const parentConfig = flag.environments[environment];
    if (parentConfig === undefined) continue;
    flags.push(snapshotFlag(flag, parentConfig));
    pending.push(...parentConfig.prerequisites.map((prerequisite) => prerequisite.flag));
  }
  return { snapshot: { environment, version: 0, flags, segments }, config };
}

/** A flag and its configuration side by side, as the server's snapshot joins them. */
function snapshotFlag(flag: Schemas['FlagWithEnvironments'], config: Schemas['FlagConfig']): SnapshotFlag {
  return {
    key: flag.key,
    type: flag.type,
    clientSide: flag.clientSide,
    enabled: config.enabled,
    version: config.version,
    rules: config.rules.map((rule) => ({
      ...rule,
      variants: rule.variants === undefined ? undefined : rule.variants.map(variant),
    })),
    variants: config.variants.map(variant),
    variantsBucketBy: config.variantsBucketBy,
    defaultVariant: config.defaultVariant,
    prerequisites: config.prerequisites,
  };
}

function variant(source: Schemas['Variant']): Variant {
  return { ...source, value: jsonValue(source.value) };
}

/** The API types a variant's value as any JSON; evaluation wants it as the model's JSON value. */
function jsonValue(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => jsonValue(item) ?? null);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, jsonValue(item) ?? null]));
  }
  return undefined;
}
