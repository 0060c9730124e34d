import { RampartError } from '../base/errors.js';
import { toJsonValue } from '../model/json-value.js';
import type { EnvironmentRecord, Role } from '../store/store.js';
import { applyChange, type Change, type Who } from '../change/apply-change.js';
import { defaultConfig } from '../model/default-config.js';
import type { WriteDeps } from '../change/write-deps.js';

export interface CreateEnvironmentInput {
  key: string;
  name?: string | undefined;
  protected?: boolean | undefined;
  protectedRoles?: Role[] | undefined;
}

/**
 * Creates an environment at version 0 in which every flag is off without rules.
 *
 * @example
 * await createEnvironment(deps, 'ops', { key: 'staging', name: 'Staging' });
 */
export async function createEnvironment(
  deps: WriteDeps,
  actor: Who,
  input: CreateEnvironmentInput,
): Promise<EnvironmentRecord> {
  return applyChange(deps, actor, (change) => addEnvironment(change, input));
}

/**
 * Creates an environment within a change in progress.
 *
 * @example
 * await applyChange(deps, 'rampart', (change) => addEnvironment(change, { key: 'development' }));
 */
export async function addEnvironment(change: Change, input: CreateEnvironmentInput): Promise<EnvironmentRecord> {
  if ((await change.tx.getEnvironment(input.key)) !== undefined) {
    throw new RampartError('conflict', `environment '${input.key}' already exists`);
  }
  const environment: EnvironmentRecord = {
    key: input.key,
    name: input.name ?? input.key,
    version: 0,
    createdAt: change.at,
    protected: input.protected ?? false,
    protectedRoles: input.protectedRoles ?? [],
  };
  await change.tx.insertEnvironment(environment);
  const flags = [
    ...(await change.tx.listFlags({ archived: false })),
    ...(await change.tx.listFlags({ archived: true })),
  ];
  for (const flag of flags) await change.tx.putFlagConfig(defaultConfig(flag.key, environment.key, change.at));
  await change.audit({
    action: 'environment.created',
    targetKind: 'environment',
    target: environment.key,
    environment: environment.key,
    before: null,
    after: toJsonValue(environment) ?? null,
  });
  return environment;
}

/**
 * Sets whether an environment is protected and which roles besides admin may change its
 * configurations then; audited as `environment.updated`.
 *
 * @example
 * await protectEnvironment(deps, actor, 'production', { protected: true, protectedRoles: [] });
 */
export async function protectEnvironment(
  deps: WriteDeps,
  actor: Who,
  key: string,
  update: { protected?: boolean | undefined; protectedRoles?: Role[] | undefined },
): Promise<EnvironmentRecord> {
  return applyChange(deps, actor, async (change) => {
    const current = await change.tx.getEnvironment(key);
    if (current === undefined) throw new RampartError('not_found', `environment '${key}' does not exist`);
    const next = {
      ...current,
      protected: update.protected ?? current.protected,
      protectedRoles: update.protectedRoles ?? current.protectedRoles,
    };
    await change.tx.setEnvironmentProtection(key, { protected: next.protected, protectedRoles: next.protectedRoles });
    const view = (record: EnvironmentRecord) => ({
      protected: record.protected,
      protectedRoles: record.protectedRoles,
    });
    await change.audit({
      action: 'environment.updated',
      targetKind: 'environment',
      target: key,
      environment: key,
      before: view(current),
      after: view(next),
    });
    return next;
  });
}
