import type { FlagType, UnleashStrategyNotCarried } from '@rampart/core';
import { RampartError, validationFailed, type ErrorDetail } from '../base/errors.js';
import { toJsonValue } from '../model/json-value.js';
import { stableJson } from '../base/stable-json.js';
import type { FlagConfigRecord, FlagRecord } from '../store/store.js';
import { loadConfigContext } from '../model/config-context.js';
import { configProblems, typeProblems } from '../model/config-problems.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import { defaultConfig } from '../model/default-config.js';
import type { ImportedFlag, ImportedSegment, MappedImport } from './import-plan.js';
import { contentOf, toConfigContent } from '../flag-configs/index.js';
import type { WriteDeps } from '../change/write-deps.js';

export type PlanAction = 'create' | 'update' | 'unchanged';

export interface ImportPlan {
  environment: string;
  dryRun: boolean;
  flags: { key: string; action: PlanAction }[];
  segments: { key: string; action: PlanAction }[];
  /** Every strategy that could not be carried over, in document order; its rule is off. */
  notCarried: (UnleashStrategyNotCarried & { environment: string })[];
}

/**
 * Imports mapped Unleash data into one environment, in one transaction: segments are created
 * or replaced, flags created (off elsewhere) or their configuration in `environment` replaced.
 * Every result is validated like an admin write. A dry run does the same, then rolls back.
 * Strategies that could not be carried over are listed, and counted in their flag's audit entry.
 *
 * @example
 * const plan = await importUnleash(deps, 'ops', { environment: 'production', mapped, dryRun: true });
 */
export async function importUnleash(
  deps: WriteDeps,
  actor: Who,
  request: { environment: string; mapped: MappedImport; dryRun: boolean },
): Promise<ImportPlan> {
  const { environment, mapped, dryRun } = request;
  return applyChange(
    deps,
    actor,
    async (change) => {
      if ((await change.tx.getEnvironment(environment)) === undefined) {
        throw new RampartError('not_found', `environment '${environment}' does not exist`);
      }
      const segments = [];
      for (const segment of mapped.segments)
        segments.push({ key: segment.key, action: await importSegment(change, segment) });
      const flags = [];
      const written: FlagRecord[] = [];
      for (const imported of mapped.flags) {
        const notCarried = mapped.notCarried.filter((entry) => entry.flag === imported.flag.key).length;
        const outcome = await importFlag(change, environment, { ...imported, notCarried }, deps);
        flags.push({ key: imported.flag.key, action: outcome.action });
        if (outcome.action !== 'unchanged') written.push(outcome.flag);
      }
      await assertValid(change, environment, written);
      const notCarried = mapped.notCarried.map((entry) => ({ ...entry, environment }));
      return { environment, dryRun, flags, segments, notCarried };
    },
    { dryRun },
  );
}

async function importSegment(change: Change, { key, input }: ImportedSegment): Promise<PlanAction> {
  const current = await change.tx.getSegment(key);
  const content = { name: input.name ?? key, description: input.description ?? '', conditions: input.conditions };
  if (
    current !== undefined &&
    stableJson(content) ===
      stableJson({ name: current.name, description: current.description, conditions: current.conditions })
  ) {
    return 'unchanged';
  }
  const next = { key, ...content, createdAt: current?.createdAt ?? change.at, updatedAt: change.at };
  if (current === undefined) await change.tx.insertSegment(next);
  else await change.tx.updateSegment(next);
  await change.audit({
    action: 'segment.imported',
    targetKind: 'segment',
    target: key,
    before: current === undefined ? null : (toJsonValue(current) ?? null),
    after: toJsonValue(next) ?? null,
  });
  change.segmentChanged(key);
  return current === undefined ? 'create' : 'update';
}

async function importFlag(
  change: Change,
  environment: string,
  { flag: mappedFlag, config: input, notCarried }: ImportedFlag & { notCarried: number },
  deps: WriteDeps,
): Promise<{ action: PlanAction; flag: FlagRecord }> {
  const key = mappedFlag.key;
  const type: FlagType = mappedFlag.type ?? 'boolean';
  const existing = await change.tx.getFlag(key);
  if (existing?.archived === true)
    throw new RampartError('conflict', `flag '${key}' is archived; restore it before importing over it`);
  const currentConfig = existing === undefined ? undefined : await change.tx.getFlagConfig(key, environment);
  const content = toConfigContent({ ...input, rules: input.rules ?? [] }, deps.random);
  if (
    existing !== undefined &&
    currentConfig !== undefined &&
    existing.type === type &&
    stableJson(content) === stableJson(contentOf(currentConfig))
  ) {
    return { action: 'unchanged', flag: existing };
  }
  const flag: FlagRecord =
    existing === undefined
      ? {
          key,
          type,
          description: mappedFlag.description ?? '',
          tags: [],
          owner: '',
          temporary: mappedFlag.temporary ?? true,
          clientSide: mappedFlag.clientSide ?? false,
          archived: false,
          createdAt: change.at,
          updatedAt: change.at,
        }
      : { ...existing, type, updatedAt: existing.type === type ? existing.updatedAt : change.at };
  if (existing === undefined) {
    await change.tx.insertFlag(flag);
    for (const other of await change.tx.listEnvironments()) {
      if (other.key !== environment) await change.tx.putFlagConfig(defaultConfig(key, other.key, change.at));
      change.flagChanged(other.key, key);
    }
  } else if (existing.type !== type) {
    await assertOtherConfigsFit(change, flag, environment);
    await change.tx.updateFlag(flag);
    for (const other of await change.tx.listEnvironments()) change.flagChanged(other.key, key);
  }
  const config: FlagConfigRecord = {
    flag: key,
    environment,
    ...content,
    version: (currentConfig?.version ?? 0) + 1,
    updatedAt: change.at,
  };
  await change.tx.putFlagConfig(config);
  change.flagChanged(environment, key);
  await change.audit({
    action: 'flag.imported',
    targetKind: 'flag',
    target: key,
    environment,
    before: existing === undefined ? null : (toJsonValue({ flag: existing, config: currentConfig }) ?? null),
    after: toJsonValue({ flag, config }) ?? null,
    reason: auditReason(notCarried),
  });
  return { action: existing === undefined ? 'create' : 'update', flag };
}

function auditReason(notCarried: number): string {
  if (notCarried === 0) return 'Unleash import';
  const strategies = notCarried === 1 ? '1 strategy' : `${notCarried} strategies`;
  return `Unleash import; ${strategies} not carried over, imported off (0 %)`;
}

async function assertOtherConfigsFit(change: Change, flag: FlagRecord, environment: string): Promise<void> {
  for (const config of await change.tx.listFlagConfigs({ flag: flag.key })) {
    if (config.environment === environment) continue;
    const [first] = typeProblems(config, flag.type);
    if (first !== undefined) {
      throw new RampartError(
        'conflict',
        `flag '${flag.key}' becomes a ${flag.type} flag, which its configuration in ${config.environment} does not fit: ${first.path} ${first.message}`,
      );
    }
  }
}

async function assertValid(change: Change, environment: string, flags: readonly FlagRecord[]): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const flag of flags) {
    const config = await change.tx.getFlagConfig(flag.key, environment);
    if (config === undefined) continue;
    const problems = configProblems(config, await loadConfigContext(change.tx, flag, environment));
    details.push(...problems.map((detail) => ({ path: `flags.${flag.key}.${detail.path}`, message: detail.message })));
  }
  if (details.length > 0) throw validationFailed(details);
}
