import type { Principal } from '../auth/principal.js';
import { RampartError, validationFailed } from '../base/errors.js';
import { applyChange, type Change } from '../change/apply-change.js';
import { addEnvironment, assertMayChange, changesEveryEnvironment } from '../environments/index.js';
import { editConfigInChange, toConfigContent, type FlagConfigDeps } from '../flag-configs/index.js';
import { assertFlagTypeFits, createFlagInChange, updateFlagInChange } from '../flags/index.js';
import { createSegmentInChange, replaceSegmentInChange } from '../segments/index.js';
import type { EnvironmentRecord } from '../store/store.js';
import type { ChangeInput } from './change-set-schemas.js';

export interface ChangeOutcome {
  kind: ChangeInput['kind'];
  target: string;
  environment?: string;
  outcome: 'created' | 'updated' | 'unchanged';
  version?: number;
  updatedAt?: string;
}

export interface ChangeSetInput {
  changes: ChangeInput[];
  reason?: string | undefined;
}

/**
 * Applies every change of the set in one transaction, in order, each as its own route would
 * (validated, audited, announced), or none: the first that is refused rolls all of them back,
 * and the error names it (`changes.3.config.rules.0.rollout.percentage`). A change carries the
 * version (configurations) or `updatedAt` (flags, segments) it was planned against; if the
 * target moved since, the set is refused with 412, so a concurrent edit is never overwritten.
 * Protected environments and roles apply to each change as to the single routes.
 *
 * @example
 * await applyChangeSet(deps, principal, { changes: [{ kind: 'flag.create', flag: { key: 'a' } }] }, false);
 */
export async function applyChangeSet(
  deps: FlagConfigDeps,
  principal: Principal,
  input: ChangeSetInput,
  dryRun: boolean,
): Promise<ChangeOutcome[]> {
  checkBeforehand(principal, input.changes);
  return applyChange(
    deps,
    principal.actor,
    async (change) => {
      const environments = new Map((await change.tx.listEnvironments()).map((e) => [e.key, e]));
      const outcomes: ChangeOutcome[] = [];
      for (const [index, item] of input.changes.entries()) {
        try {
          outcomes.push(await applyOne(deps, principal, change, environments, item, input.reason));
        } catch (error) {
          throw located(error, index, item);
        }
      }
      // A flag's new type is checked once its configurations, changed later in the set, are in.
      for (const [index, item] of input.changes.entries()) {
        if (item.kind !== 'flag.update' || item.flag.type === undefined) continue;
        await assertFlagTypeFits(change.tx, item.key).catch((error: unknown) => {
          throw located(error, index, item);
        });
      }
      return outcomes;
    },
    { dryRun },
  );
}

/** What can be refused without reading the store: missing versions, and environments for non-admins. */
function checkBeforehand(principal: Principal, changes: readonly ChangeInput[]): void {
  // What the set creates before a change needs no planned version: it did not exist when planned.
  const created = new Set<string>();
  const missing = (index: number, field: string, what: string) => ({
    path: `changes.${index}.${field}`,
    message: `required: ${what} is not created earlier in this set, so the change must say what it was planned against`,
  });
  const details = changes.flatMap((item, index) => {
    if (item.kind === 'flag.create') created.add(`flag ${item.flag.key}`);
    if (item.kind === 'segment.create') created.add(`segment ${item.segment.key}`);
    if (item.kind === 'environment.create') created.add(`environment ${item.environment.key}`);
    if (item.kind === 'config.replace' && item.expectedVersion === undefined) {
      const isNew = created.has(`flag ${item.flag}`) || created.has(`environment ${item.environment}`);
      if (!isNew)
        return [missing(index, 'expectedVersion', `flag '${item.flag}' or environment '${item.environment}'`)];
    }
    if (item.kind === 'flag.update' && item.expectedUpdatedAt === undefined && !created.has(`flag ${item.key}`))
      return [missing(index, 'expectedUpdatedAt', `flag '${item.key}'`)];
    if (item.kind === 'segment.replace' && item.expectedUpdatedAt === undefined && !created.has(`segment ${item.key}`))
      return [missing(index, 'expectedUpdatedAt', `segment '${item.key}'`)];
    return [];
  });
  if (details.length > 0) throw validationFailed(details);
  const environment = changes.findIndex((item) => item.kind === 'environment.create');
  if (environment >= 0 && principal.role !== 'admin') {
    throw new RampartError('forbidden', `changes.${environment}: only admins may create environments`);
  }
}

async function applyOne(
  deps: FlagConfigDeps,
  principal: Principal,
  change: Change,
  environments: Map<string, EnvironmentRecord>,
  item: ChangeInput,
  reason: string | undefined,
): Promise<ChangeOutcome> {
  switch (item.kind) {
    case 'environment.create': {
      const created = await addEnvironment(change, item.environment);
      environments.set(created.key, created);
      return { kind: item.kind, target: created.key, outcome: 'created' };
    }
    case 'segment.create': {
      const { key, ...fields } = item.segment;
      const created = await createSegmentInChange(change, key, fields);
      return { kind: item.kind, target: key, outcome: 'created', updatedAt: created.updatedAt };
    }
    case 'segment.replace': {
      const current = await change.tx.getSegment(item.key);
      if (current === undefined) throw new RampartError('not_found', `segment '${item.key}' does not exist`);
      if (item.expectedUpdatedAt !== undefined)
        expectUnchanged(`segment '${item.key}'`, current.updatedAt, item.expectedUpdatedAt);
      const { name, description, conditions } = item.segment;
      const saved = await replaceSegmentInChange(change, item.key, { name, description, conditions });
      const outcome = saved.updatedAt === current.updatedAt ? 'unchanged' : 'updated';
      return { kind: item.kind, target: item.key, outcome, updatedAt: saved.updatedAt };
    }
    case 'flag.create': {
      const { flag } = await createFlagInChange(change, item.flag);
      return { kind: item.kind, target: flag.key, outcome: 'created', updatedAt: flag.updatedAt };
    }
    case 'flag.update': {
      const current = await change.tx.getFlag(item.key);
      if (current === undefined) throw new RampartError('not_found', `flag '${item.key}' does not exist`);
      if (item.expectedUpdatedAt !== undefined)
        expectUnchanged(`flag '${item.key}'`, current.updatedAt, item.expectedUpdatedAt);
      if (changesEveryEnvironment(item.flag)) assertMayChange(principal, [...environments.values()]);
      const { flag } = await updateFlagInChange(change, item.key, item.flag, { checkTypeLater: true });
      const outcome = flag.updatedAt === current.updatedAt ? 'unchanged' : 'updated';
      return { kind: item.kind, target: item.key, outcome, updatedAt: flag.updatedAt };
    }
    case 'config.replace': {
      const environment = environments.get(item.environment);
      if (environment === undefined) {
        throw new RampartError('not_found', `environment '${item.environment}' does not exist`);
      }
      assertMayChange(principal, [environment]);
      const current = await change.tx.getFlagConfig(item.flag, item.environment);
      if (current === undefined) throw new RampartError('not_found', `flag '${item.flag}' does not exist`);
      if (item.expectedVersion !== undefined) {
        expectUnchanged(
          `the configuration of '${item.flag}' in ${item.environment}`,
          `version ${current.version}`,
          `version ${item.expectedVersion}`,
        );
      }
      const content = toConfigContent(item.config, deps.random);
      const options = { ifMatch: undefined, requireIfMatch: false, action: 'config.replaced' as const, reason };
      const target = { flag: item.flag, environment: item.environment };
      const saved = await editConfigInChange(change, target, options, () => content, deps.onConfigChange);
      const outcome = saved.version === current.version ? 'unchanged' : 'updated';
      return { kind: item.kind, target: item.flag, environment: item.environment, outcome, version: saved.version };
    }
  }
}

function expectUnchanged(what: string, now: string, planned: string): void {
  if (now === planned) return;
  throw new RampartError(
    'version_mismatch',
    `${what} changed since the plan (planned against ${planned}, now ${now}); nothing was applied: plan again`,
  );
}

/** The error, naming the change it came from: its message says which, its details' paths point into it. */
function located(error: unknown, index: number, item: ChangeInput): unknown {
  if (!(error instanceof RampartError)) return error;
  // The body's field a change's details are about: `config`, `segment`, `flag` or `environment`.
  const field = item.kind.slice(0, item.kind.indexOf('.'));
  const details = error.details?.map((detail) => ({
    path: `changes.${index}.${field}${detail.path === '' ? '' : `.${detail.path}`}`,
    message: detail.message,
  }));
  return new RampartError(error.code, `changes.${index} (${item.kind} ${targetOf(item)}): ${error.message}`, {
    details,
    cause: error,
  });
}

/** What a change is about, for people: "new-checkout in production", "beta". */
function targetOf(item: ChangeInput): string {
  switch (item.kind) {
    case 'environment.create':
      return item.environment.key;
    case 'segment.create':
      return item.segment.key;
    case 'flag.create':
      return item.flag.key;
    case 'segment.replace':
    case 'flag.update':
      return item.key;
    case 'config.replace':
      return `${item.flag} in ${item.environment}`;
  }
}
