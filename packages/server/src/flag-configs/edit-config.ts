import { toJsonValue } from '../model/json-value.js';
import { RampartError, validationFailed, type ErrorDetail } from '../base/errors.js';
import { ifMatchHolds } from '../http/if-match.js';
import { stableJson } from '../base/stable-json.js';
import type { FlagConfigRecord, FlagRecord, StoreWriter } from '../store/store.js';
import { loadConfigContext } from '../model/config-context.js';
import { configProblems } from '../model/config-problems.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import type { EventType } from '../change/events.js';
import type { ConfigWatcher, FlagConfigDeps } from './config-watch.js';
import { contentOf, type ConfigContent } from './normalize-config.js';

export interface ConfigTarget {
  flag: string;
  environment: string;
}

export interface ConfigWriteOptions {
  /** The request's `If-Match`, if any. */
  ifMatch: string | undefined;
  /** `PUT` requires `If-Match` (428 without); actions only honour it when sent. */
  requireIfMatch: boolean;
  action: EventType;
  reason?: string | undefined;
}

/** Turns the current configuration into the next one; may throw an {@link RampartError}. */
export type ConfigEdit = (current: FlagConfigRecord, flag: FlagRecord) => ConfigContent;

/**
 * Changes one flag configuration in one transaction: checks existence and `If-Match`,
 * applies `edit`, validates the result against the store, and when anything changed,
 * stores it with version + 1, writes the audit entry, bumps the environment and tells
 * `deps.onConfigChange`.
 *
 * @example
 * await editConfig(deps, 'ops', { flag: 'a', environment: 'production' },
 *   { ifMatch: undefined, requireIfMatch: false, action: 'config.killed' },
 *   (current) => ({ ...contentOf(current), enabled: false }));
 */
export async function editConfig(
  deps: FlagConfigDeps,
  actor: Who,
  target: ConfigTarget,
  options: ConfigWriteOptions,
  edit: ConfigEdit,
): Promise<FlagConfigRecord> {
  return applyChange(deps, actor, (change) => editConfigInChange(change, target, options, edit, deps.onConfigChange));
}

/**
 * Changes a flag's configuration in every environment, all in one transaction: each is
 * checked, edited, validated and audited as {@link editConfig} does one, and if any is
 * refused, none changes. `If-Match` does not apply (each environment has its own version).
 *
 * @example
 * await editEveryConfig(deps, 'ops', 'new-checkout', { action: 'config.killed' },
 *   (current) => ({ ...contentOf(current), enabled: false }));
 */
export async function editEveryConfig(
  deps: FlagConfigDeps,
  actor: Who,
  flag: string,
  options: Pick<ConfigWriteOptions, 'action' | 'reason'>,
  edit: ConfigEdit,
): Promise<FlagConfigRecord[]> {
  return applyChange(deps, actor, async (change) => {
    if ((await change.tx.getFlag(flag)) === undefined)
      throw new RampartError('not_found', `flag '${flag}' does not exist`);
    const configs: FlagConfigRecord[] = [];
    for (const { key } of await change.tx.listEnvironments()) {
      const single = { ...options, ifMatch: undefined, requireIfMatch: false };
      configs.push(await editConfigInChange(change, { flag, environment: key }, single, edit, deps.onConfigChange));
    }
    return configs;
  });
}

/**
 * {@link editConfig}'s work inside a change that is already running, for a write that does
 * more in the same transaction (a release plan records the step it applied). `watcher`, when
 * given, is told of the change.
 *
 * @example
 * await applyChange(deps, 'release:p1', (change) =>
 *   editConfigInChange(change, { flag: 'a', environment: 'production' },
 *     { ifMatch: undefined, requireIfMatch: false, action: 'config.ramped' },
 *     (current) => rampedContent(current, { percentage: 5, enable: true }, deps.random)));
 */
export async function editConfigInChange(
  change: Change,
  target: ConfigTarget,
  options: ConfigWriteOptions,
  edit: ConfigEdit,
  watcher?: ConfigWatcher,
): Promise<FlagConfigRecord> {
  const { flag, current } = await readTarget(change.tx, target);
  if (options.ifMatch === undefined && options.requireIfMatch) {
    throw new RampartError(
      'precondition_required',
      `send If-Match: "${current.version}" (the version you read) to replace this configuration`,
    );
  }
  if (options.ifMatch !== undefined && !ifMatchHolds(options.ifMatch, current.version)) {
    throw new RampartError(
      'version_mismatch',
      `the configuration is at version ${current.version}, but If-Match was ${options.ifMatch}; read it again and retry`,
    );
  }
  if (flag.archived)
    throw new RampartError('conflict', `flag '${flag.key}' is archived; restore it before changing it`);
  const next = edit(current, flag);
  if (stableJson(next) === stableJson(contentOf(current))) return current;
  const context = await loadConfigContext(change.tx, flag, target.environment);
  // An edit answers for what it brings in, not for what was stored under older rules (a value
  // on a boolean flag's variant): a kill or a ramp must never be refused for that.
  const stored = new Set(configProblems(current, context).map((detail) => problemKey(detail, current)));
  const details = configProblems({ ...next, environment: target.environment }, context).filter(
    (detail) => !stored.has(problemKey(detail, next)),
  );
  if (details.length > 0) throw validationFailed(details);
  const saved = await saveConfig(change, current, next, options);
  await watcher?.(change, { before: current, after: saved, action: options.action });
  return saved;
}

/** A problem and what it is about: the same key in two configurations is the same problem. */
function problemKey({ path, message }: ErrorDetail, config: ConfigContent): string {
  let value: unknown = config;
  for (const part of path.split('.'))
    value = typeof value === 'object' && value !== null ? Reflect.get(value, part) : undefined;
  return `${path}\n${message}\n${stableJson(value)}`;
}

async function readTarget(
  tx: StoreWriter,
  target: ConfigTarget,
): Promise<{ flag: FlagRecord; current: FlagConfigRecord }> {
  const flag = await tx.getFlag(target.flag);
  if (flag === undefined) throw new RampartError('not_found', `flag '${target.flag}' does not exist`);
  const current = await tx.getFlagConfig(target.flag, target.environment);
  if (current === undefined) throw new RampartError('not_found', `environment '${target.environment}' does not exist`);
  return { flag, current };
}

async function saveConfig(
  change: Change,
  current: FlagConfigRecord,
  next: ConfigContent,
  options: Pick<ConfigWriteOptions, 'action' | 'reason'>,
): Promise<FlagConfigRecord> {
  const record: FlagConfigRecord = {
    flag: current.flag,
    environment: current.environment,
    ...next,
    version: current.version + 1,
    updatedAt: change.at,
  };
  await change.tx.putFlagConfig(record);
  await change.audit({
    action: options.action,
    targetKind: 'flag',
    target: current.flag,
    environment: current.environment,
    before: toJsonValue({ ...contentOf(current), version: current.version }) ?? null,
    after: toJsonValue({ ...next, version: record.version }) ?? null,
    reason: options.reason,
  });
  change.flagChanged(current.environment, current.flag);
  return record;
}
