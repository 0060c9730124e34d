import { RampartError } from '../base/errors.js';
import { toJsonValue } from '../model/json-value.js';
import type { EnvironmentRecord } from '../store/store.js';
import { applyChange, type Change } from '../change/apply-change.js';
import { defaultConfig } from '../model/default-config.js';
import type { WriteDeps } from '../change/write-deps.js';

export interface CreateEnvironmentInput {
  key: string;
  name?: string | undefined;
}

/**
 * Creates an environment at version 0 in which every flag is off without rules.
 *
 * @example
 * await createEnvironment(deps, 'ops', { key: 'staging', name: 'Staging' });
 */
export async function createEnvironment(
  deps: WriteDeps,
  actor: string,
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
