import { RampartError } from '../base/errors.js';
import type { CreateFlagInput, UpdateFlagInput } from './flag-schemas.js';
import { toJsonValue } from '../model/json-value.js';
import { stableJson } from '../base/stable-json.js';
import type { FlagConfigRecord, FlagRecord, StoreWriter } from '../store/store.js';
import { quoteList, typeProblems } from '../model/config-problems.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import { defaultConfig } from '../model/default-config.js';
import type { WriteDeps } from '../change/write-deps.js';

export interface FlagView {
  flag: FlagRecord;
  configs: FlagConfigRecord[];
}

/**
 * Creates a flag, off and without rules in every environment.
 *
 * @example
 * await createFlag(deps, 'ops', { key: 'new-checkout' });
 */
export async function createFlag(deps: WriteDeps, actor: Who, input: CreateFlagInput): Promise<FlagView> {
  return applyChange(deps, actor, (change) => createFlagInChange(change, input));
}

/**
 * {@link createFlag}'s work inside a change that is already running (a change set creates
 * several things in one transaction).
 *
 * @example
 * await applyChange(deps, 'ops', (change) => createFlagInChange(change, { key: 'new-checkout' }));
 */
export async function createFlagInChange(change: Change, input: CreateFlagInput): Promise<FlagView> {
  if ((await change.tx.getFlag(input.key)) !== undefined)
    throw new RampartError('conflict', `flag '${input.key}' already exists`);
  const flag: FlagRecord = {
    key: input.key,
    type: input.type ?? 'boolean',
    description: input.description ?? '',
    tags: input.tags ?? [],
    owner: input.owner ?? '',
    temporary: input.temporary ?? true,
    clientSide: input.clientSide ?? false,
    archived: false,
    createdAt: change.at,
    updatedAt: change.at,
  };
  await change.tx.insertFlag(flag);
  const configs: FlagConfigRecord[] = [];
  for (const environment of await change.tx.listEnvironments()) {
    const config = defaultConfig(flag.key, environment.key, change.at);
    await change.tx.putFlagConfig(config);
    configs.push(config);
    change.flagChanged(environment.key, flag.key);
  }
  await change.audit({
    action: 'flag.created',
    targetKind: 'flag',
    target: flag.key,
    before: null,
    after: flagJson(flag),
  });
  return { flag, configs };
}

/**
 * Edits a flag's metadata; `archived: true` archives it, `false` restores it. A new `type`
 * must fit every variant value in every environment (409 otherwise).
 *
 * @example
 * await updateFlag(deps, 'ops', 'new-checkout', { owner: 'payments' });
 */
export async function updateFlag(deps: WriteDeps, actor: Who, key: string, input: UpdateFlagInput): Promise<FlagView> {
  return applyChange(deps, actor, (change) => updateFlagInChange(change, key, input));
}

/**
 * {@link updateFlag}'s work inside a change that is already running.
 *
 * @example
 * await applyChange(deps, 'ops', (change) => updateFlagInChange(change, 'new-checkout', { owner: 'payments' }));
 */
export async function updateFlagInChange(
  change: Change,
  key: string,
  input: UpdateFlagInput,
  options: { checkTypeLater?: boolean } = {},
): Promise<FlagView> {
  const current = await requireFlag(change.tx, key);
  const configs = await change.tx.listFlagConfigs({ flag: key });
  const next: FlagRecord = {
    ...current,
    type: input.type ?? current.type,
    description: input.description ?? current.description,
    tags: input.tags ?? current.tags,
    owner: input.owner ?? current.owner,
    temporary: input.temporary ?? current.temporary,
    clientSide: input.clientSide ?? current.clientSide,
    archived: input.archived ?? current.archived,
  };
  if (stableJson(next) === stableJson(current)) return { flag: current, configs };
  // A change set that also replaces the configurations checks the new type once they are in.
  if (next.type !== current.type && options.checkTypeLater !== true) assertTypeFits(next, configs);
  if (next.archived && !current.archived) await assertNotPrerequisite(change.tx, key);
  const saved = { ...next, updatedAt: change.at };
  await change.tx.updateFlag(saved);
  const action =
    next.archived === current.archived ? 'flag.updated' : next.archived ? 'flag.archived' : 'flag.restored';
  await change.audit({ action, targetKind: 'flag', target: key, before: flagJson(current), after: flagJson(saved) });
  for (const config of configs) change.flagChanged(config.environment, key);
  return { flag: saved, configs };
}

/**
 * Archives a flag: SDKs stop receiving it. Refused (409) while a live flag has it as a prerequisite.
 *
 * @example
 * await archiveFlag(deps, 'ops', 'old-banner');
 */
export async function archiveFlag(deps: WriteDeps, actor: Who, key: string): Promise<FlagView> {
  return updateFlag(deps, actor, key, { archived: true });
}

/** The flag, or 404. */
export async function requireFlag(tx: Pick<StoreWriter, 'getFlag'>, key: string): Promise<FlagRecord> {
  const flag = await tx.getFlag(key);
  if (flag === undefined) throw new RampartError('not_found', `flag '${key}' does not exist`);
  return flag;
}

/**
 * 409 unless every configuration of the flag fits its type: for a change that changed the type
 * and then the configurations, once they are all in.
 *
 * @example
 * await assertFlagTypeFits(change.tx, 'banner');
 */
export async function assertFlagTypeFits(
  tx: Pick<StoreWriter, 'getFlag' | 'listFlagConfigs'>,
  key: string,
): Promise<void> {
  assertTypeFits(await requireFlag(tx, key), await tx.listFlagConfigs({ flag: key }));
}

function assertTypeFits(flag: FlagRecord, configs: readonly FlagConfigRecord[]): void {
  for (const config of configs) {
    const [first] = typeProblems(config, flag.type);
    if (first !== undefined) {
      throw new RampartError(
        'conflict',
        `cannot make '${flag.key}' a ${flag.type} flag: in ${config.environment}, ${first.path} ${first.message}`,
      );
    }
  }
}

async function assertNotPrerequisite(tx: StoreWriter, key: string): Promise<void> {
  const live = new Set((await tx.listFlags({ archived: false })).map((flag) => flag.key));
  const dependents = (await tx.listFlagConfigs())
    .filter(
      (config) => config.flag !== key && live.has(config.flag) && config.prerequisites.some((p) => p.flag === key),
    )
    .map((config) => `${config.flag} (${config.environment})`);
  if (dependents.length > 0) {
    throw new RampartError(
      'conflict',
      `flag '${key}' is a prerequisite of ${quoteList(dependents)}; remove those prerequisites first`,
    );
  }
}

function flagJson(flag: FlagRecord) {
  return toJsonValue(flag) ?? null;
}
