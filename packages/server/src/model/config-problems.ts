import type { FlagType, Variant } from '@rampart/core';
import type { ErrorDetail } from '../base/errors.js';
import type { FlagConfigRecord, FlagRecord } from '../store/store.js';
import { valueTypeProblem } from './value-type.js';

/** What a configuration is checked against: the state of the store inside the write's transaction. */
export interface ConfigContext {
  flag: FlagRecord;
  segmentKeys: ReadonlySet<string>;
  flags: ReadonlyMap<string, FlagRecord>;
  /** Every configuration in the configuration's environment. */
  configs: readonly FlagConfigRecord[];
}

type ConfigShape = Pick<FlagConfigRecord, 'environment' | 'rules' | 'variants' | 'defaultVariant' | 'prerequisites'>;

/**
 * The problems of a configuration that depend on other data: missing segments, what does not
 * fit the flag's type, and prerequisites that are missing or would nest.
 *
 * @example
 * const details = configProblems(next, context);
 * if (details.length > 0) throw validationFailed(details);
 */
export function configProblems(config: ConfigShape, context: ConfigContext): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  config.rules.forEach((rule, r) => {
    (rule.segments ?? []).forEach((segment, s) => {
      if (!context.segmentKeys.has(segment)) {
        details.push({ path: `rules.${r}.segments.${s}`, message: `segment '${segment}' does not exist` });
      }
    });
  });
  details.push(...typeProblems(config, context.flag.type));
  details.push(...prerequisiteProblems(config, context));
  return details;
}

/**
 * What in a configuration does not fit a flag of `type`: variant values of another type (or
 * any value, for a boolean flag), and a default variant on a boolean flag.
 *
 * @example
 * typeProblems({ rules: [], variants: [{ key: 'a', value: 1, weight: 1 }] }, 'string'); // one detail: variants.0.value
 */
export function typeProblems(
  config: Pick<FlagConfigRecord, 'rules' | 'variants' | 'defaultVariant'>,
  type: FlagType,
): ErrorDetail[] {
  const details = config.rules.flatMap((rule, r) =>
    variantTypeProblems(rule.variants ?? [], type, `rules.${r}.variants`),
  );
  details.push(...variantTypeProblems(config.variants, type, 'variants'));
  if (type === 'boolean' && config.defaultVariant !== undefined) {
    details.push({
      path: 'defaultVariant',
      message: 'must be absent: a boolean flag has no default variant, as it is off when no rule matches',
    });
  }
  return details;
}

function variantTypeProblems(variants: readonly Variant[], type: FlagType, prefix: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  variants.forEach((variant, v) => {
    const problem = valueTypeProblem(type, variant.value);
    if (problem !== undefined) details.push({ path: `${prefix}.${v}.value`, message: problem });
  });
  return details;
}

function prerequisiteProblems(config: ConfigShape, context: ConfigContext): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const self = context.flag.key;
  if (config.prerequisites.length > 0) {
    const dependents = context.configs
      .filter((other) => other.flag !== self && other.prerequisites.some((p) => p.flag === self))
      .map((other) => other.flag);
    if (dependents.length > 0) {
      details.push({
        path: 'prerequisites',
        message: `'${self}' is a prerequisite of ${quoteList(dependents)} in ${config.environment}, so it cannot have prerequisites of its own`,
      });
    }
  }
  config.prerequisites.forEach((prerequisite, p) => {
    const path = `prerequisites.${p}.flag`;
    const parent = context.flags.get(prerequisite.flag);
    const parentConfig = context.configs.find((other) => other.flag === prerequisite.flag);
    if (prerequisite.flag === self) {
      details.push({ path, message: 'a flag cannot be its own prerequisite' });
    } else if (parent === undefined || parentConfig === undefined) {
      details.push({ path, message: `flag '${prerequisite.flag}' does not exist` });
    } else if (parent.archived) {
      details.push({ path, message: `flag '${prerequisite.flag}' is archived` });
    } else if (parentConfig.prerequisites.length > 0) {
      details.push({
        path,
        message: `flag '${prerequisite.flag}' has prerequisites of its own in ${config.environment}`,
      });
    }
  });
  return details;
}

/** `'a', 'b'` for messages. */
export function quoteList(items: readonly string[]): string {
  return items.map((item) => `'${item}'`).join(', ');
}
