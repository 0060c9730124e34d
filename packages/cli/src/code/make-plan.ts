import type { Schemas } from '@rampart/api-client';
import { isDeepStrictEqual } from 'node:util';
import { CliError } from '../cli-error.js';
import {
  canonicalCondition,
  canonicalConfig,
  canonicalRule,
  DEFAULT_CONFIG,
  flagFields,
  segmentFields,
  type FlagFields,
} from './canonical.js';
import { diff, type Difference } from './diff.js';
import type { FileConfig, FileFlag, FileRule, FlagsFile, PeopleField } from './file-schema.js';
import type { ServerState } from './server-state.js';

export type ChangeInput = Schemas['ChangeSet']['changes'][number];

/** One change of the plan: what the server is sent, and what it does, for people. */
export interface PlannedChange {
  change: ChangeInput;
  action: 'create' | 'update';
  /** "flag new-checkout", "configuration of new-checkout in production". */
  subject: string;
  differences: Difference[];
}

export interface Plan {
  changes: PlannedChange[];
  /** On the server but not in the file: apply leaves them alone. */
  unmanaged: { flags: string[]; segments: string[] };
}

/**
 * What `apply` must send to make the server match the file, in an order the server can apply:
 * environments, segments, new flags, flag updates, configurations, then archiving. Every change
 * carries what it was planned against (a configuration's version, a flag's or segment's
 * updatedAt), so the server refuses the set if anything moved meanwhile.
 *
 * @example
 * const { changes } = makePlan(loadFlagsFile('rampart.yaml'), await readServerState(session));
 */
export function makePlan(file: FlagsFile, state: ServerState): Plan {
  const environments = new Set(state.environments.map((environment) => environment.key));
  const first: PlannedChange[] = [];
  const configs: PlannedChange[] = [];
  const last: PlannedChange[] = [];
  for (const environment of file.environments ?? []) {
    if (environments.has(environment.key)) continue;
    environments.add(environment.key);
    first.push({
      change: {
        kind: 'environment.create',
        environment: { key: environment.key, name: environment.name ?? environment.key },
      },
      action: 'create',
      subject: `environment ${environment.key}`,
      differences: [],
    });
  }
  const segments = new Map(state.segments.map((segment) => [segment.key, segment]));
  for (const segment of file.segments ?? []) {
    const wanted = segmentFields(segment);
    const current = segments.get(segment.key);
    if (current === undefined) {
      first.push({
        change: { kind: 'segment.create', segment: { key: segment.key, ...wanted } },
        action: 'create',
        subject: `segment ${segment.key}`,
        differences: diff({}, wanted),
      });
    } else if (!isDeepStrictEqual(segmentFields(current), wanted)) {
      first.push({
        change: { kind: 'segment.replace', key: segment.key, expectedUpdatedAt: current.updatedAt, segment: wanted },
        action: 'update',
        subject: `segment ${segment.key}`,
        differences: diff(segmentFields(current), wanted),
      });
    }
  }
  const created: PlannedChange[] = [];
  for (const [index, flag] of (file.flags ?? []).entries()) {
    const current = state.flags.get(flag.key);
    const wanted = flagFields(flag);
    const people = new Set(flag.leaveToPeople ?? file.leaveToPeople ?? []);
    if (current === undefined) {
      const { archived, ...fields } = wanted;
      created.push({
        change: { kind: 'flag.create', flag: { key: flag.key, ...fields } },
        action: 'create',
        subject: `flag ${flag.key}`,
        differences: diff({}, fields),
      });
      if (archived) last.push(archiving(flag.key));
    } else {
      const before = flagFields(current);
      const changed = changedFields(before, wanted);
      const update = (fields: Partial<FlagFields>, into: PlannedChange[]) =>
        into.push({
          change: { kind: 'flag.update', key: flag.key, expectedUpdatedAt: current.updatedAt, flag: fields },
          action: 'update',
          subject: `flag ${flag.key}`,
          differences: diff(pick(before, fields), fields),
        });
      // Archiving, with whatever else changes, comes after the configurations (an archived flag's
      // cannot change); restoring comes before them.
      if (changed.archived === true) update(changed, last);
      else if (Object.keys(changed).length > 0) update(changed, first);
    }
    if (wanted.archived) continue;
    for (const [environment, config] of Object.entries(flag.environments ?? {})) {
      if (!environments.has(environment)) {
        throw new CliError(`flags[${index}] (${flag.key}): there is no environment '${environment}'`, {
          hint: "add it to the file's environments to create it, or fix the name",
        });
      }
      const planned = planConfig(flag, index, environment, config, current?.environments[environment], people);
      if (planned !== undefined) configs.push(planned);
    }
  }
  const named = new Set((file.flags ?? []).map((flag) => flag.key));
  const namedSegments = new Set((file.segments ?? []).map((segment) => segment.key));
  return {
    changes: [
      ...first.filter((c) => c.change.kind !== 'flag.update'),
      ...created,
      ...first.filter((c) => c.change.kind === 'flag.update'),
      ...configs,
      ...last,
    ],
    unmanaged: {
      flags: state.liveFlags.filter((key) => !named.has(key)),
      segments: state.segments.filter((s) => !namedSegments.has(s.key)).map((s) => s.key),
    },
  };
}

/** Archiving a flag the set creates (it was listed with `archived: true`). */
function archiving(key: string): PlannedChange {
  return {
    change: { kind: 'flag.update', key, flag: { archived: true } },
    action: 'update',
    subject: `flag ${key}`,
    differences: [{ path: 'archived', before: false, after: true }],
  };
}

function planConfig(
  flag: FileFlag,
  index: number,
  environment: string,
  config: FileConfig,
  current: Schemas['FlagConfig'] | undefined,
  people: ReadonlySet<PeopleField>,
): PlannedChange | undefined {
  const where = `flags[${index}].environments.${environment}`;
  if (!people.has('rollout') && !people.has('rules')) {
    (config.rules ?? []).forEach((rule, r) => {
      if (rule.rollout.percentage === undefined) {
        throw new CliError(`${where}.rules[${r}].rollout.percentage is missing`, {
          hint: 'give a percentage, or add rollout to leaveToPeople to let people set it',
        });
      }
    });
  }
  const before = current === undefined ? DEFAULT_CONFIG : canonicalConfig(current);
  const matched = matchRules(config.rules ?? [], current?.rules ?? []);
  let wanted = canonicalConfig(config);
  if (current !== undefined) {
    if (people.has('rules')) {
      const rest = { ...wanted };
      delete rest.rules;
      wanted = { ...rest, ...(before.rules === undefined ? {} : { rules: before.rules }) };
    } else if (people.has('rollout')) {
      wanted = {
        ...wanted,
        rules: wanted.rules?.map((rule, position) => {
          const percentage = matched[position]?.rollout.percentage ?? rule.rollout.percentage;
          return { ...rule, rollout: { ...rule.rollout, percentage } };
        }),
      };
      if (wanted.rules === undefined) delete wanted.rules;
    }
    if (people.has('enabled')) wanted = { ...wanted, enabled: current.enabled };
  }
  if (isDeepStrictEqual(before, wanted)) return undefined;
  const rules = people.has('rules') && current !== undefined ? current.rules : (wanted.rules ?? []);
  const ids =
    people.has('rules') && current !== undefined
      ? current.rules.map((rule) => rule.id)
      : matched.map((rule) => rule?.id);
  return {
    change: {
      kind: 'config.replace',
      flag: flag.key,
      environment,
      ...(current === undefined ? {} : { expectedVersion: current.version }),
      config: {
        ...wanted,
        rules: rules.map((rule, position) => {
          const id = ids[position];
          return {
            ...(id === undefined ? {} : { id }),
            ...rule,
            rollout: { ...rule.rollout, percentage: rule.rollout.percentage ?? 0 },
          };
        }),
      } as Schemas['FlagConfigInput'],
    },
    action: current === undefined ? 'create' : 'update',
    subject: `${flag.key} in ${environment}`,
    differences: configDifferences(before, wanted, current?.rules ?? [], ids),
  };
}

/**
 * What changes in a configuration, for people: its fields, then each of the file's rules against
 * the server's rule it stands for (so a rule added above another shows as one new rule, not as
 * every rule below it changing), then the server's rules the file no longer has.
 */
function configDifferences(
  before: FileConfig,
  wanted: FileConfig,
  rules: readonly Schemas['Rule'][],
  ids: readonly (string | undefined)[],
): Difference[] {
  const beforeFields = { ...before };
  delete beforeFields.rules;
  const wantedFields = { ...wanted };
  delete wantedFields.rules;
  const wantedRules = wanted.rules ?? [];
  const differences = diff(beforeFields, wantedFields);
  wantedRules.forEach((rule, position) => {
    const index = rules.findIndex((candidate) => candidate.id === ids[position]);
    const server = rules[index];
    if (server === undefined) {
      differences.push({ path: `rules[${position}]`, after: rule });
      return;
    }
    if (index !== position)
      differences.push({ path: `rules[${position}]`, before: `rule ${index + 1}`, after: `rule ${position + 1}` });
    differences.push(...diff(canonicalRule(server), rule, `rules[${position}]`));
  });
  const kept = new Set(ids);
  rules.forEach((rule, index) => {
    if (!kept.has(rule.id)) differences.push({ path: `rules[${index}] (removed)`, before: canonicalRule(rule) });
  });
  return differences;
}

/**
 * The server's rule each of the file's rules stands for, each server rule at most once: a named
 * rule, the server's rule of that name; an unnamed one, an unnamed server rule with the same
 * targeting (segments and conditions), else the unnamed server rule at the same position. A
 * rule that matches none is new. The matched rule keeps its id (ramps and release plans name
 * it) and, when people own the rollout, its percentage.
 */
export function matchRules(
  wanted: readonly FileRule[],
  rules: readonly Schemas['Rule'][],
): (Schemas['Rule'] | undefined)[] {
  const used = new Set<Schemas['Rule']>();
  const take = (rule: Schemas['Rule'] | undefined) => {
    if (rule !== undefined) used.add(rule);
    return rule;
  };
  const free = (rule: Schemas['Rule'] | undefined) => rule !== undefined && !used.has(rule) && rule.name === undefined;
  const matched: (Schemas['Rule'] | undefined)[] = wanted.map((rule) =>
    rule.name === undefined ? undefined : take(rules.find((r) => r.name === rule.name && !used.has(r))),
  );
  wanted.forEach((rule, position) => {
    if (rule.name !== undefined) return;
    const target = targetingOf(rule);
    matched[position] = take(rules.find((r) => free(r) && isDeepStrictEqual(targetingOf(r), target)));
  });
  wanted.forEach((rule, position) => {
    if (rule.name !== undefined || matched[position] !== undefined) return;
    matched[position] = free(rules[position]) ? take(rules[position]) : undefined;
  });
  return matched;
}

function targetingOf(rule: FileRule | Schemas['Rule']) {
  return { segments: rule.segments ?? [], conditions: (rule.conditions ?? []).map(canonicalCondition) };
}

function changedFields(before: FlagFields, after: FlagFields): Partial<FlagFields> {
  return Object.fromEntries(
    Object.entries(after).filter(([name, value]) => !isDeepStrictEqual(before[name as keyof FlagFields], value)),
  );
}

function pick(fields: FlagFields, like: Partial<FlagFields>): Partial<FlagFields> {
  return Object.fromEntries(Object.keys(like).map((name) => [name, fields[name as keyof FlagFields]]));
}
