import type { Schemas } from '@rampart/api-client';
import type { FileConfig, FileFlag, FileRule, FileSegment } from './file-schema.js';

// One shape for what the server holds and what a file says: the file's shape, with defaults left
// out and fields in a fixed order. Two things are the same when their canonical forms are deeply
// equal, and export writes canonical forms, so an exported file plans no change.

type Condition = NonNullable<FileSegment['conditions']>[number];
type AnyRule = Schemas['Rule'] | FileRule;
type AnyConfig = Schemas['FlagConfig'] | FileConfig;

/** The flag's own fields, defaults included, for comparing and for creating. */
export interface FlagFields {
  type: 'boolean' | 'string' | 'number' | 'json';
  description: string;
  tags: string[];
  owner: string;
  temporary: boolean;
  clientSide: boolean;
  archived: boolean;
}

export function flagFields(flag: Partial<FlagFields>): FlagFields {
  return {
    type: flag.type ?? 'boolean',
    description: flag.description ?? '',
    tags: flag.tags ?? [],
    owner: flag.owner ?? '',
    temporary: flag.temporary ?? true,
    clientSide: flag.clientSide ?? false,
    archived: flag.archived ?? false,
  };
}

/** The fields as a file writes them: only those that differ from the defaults. */
export function fileFlagFields(fields: FlagFields): Omit<FileFlag, 'key' | 'environments' | 'leaveToPeople'> {
  const defaults = flagFields({});
  return Object.fromEntries(
    Object.entries(fields).filter(
      ([name, value]) => JSON.stringify(value) !== JSON.stringify(defaults[name as keyof FlagFields]),
    ),
  );
}

export interface SegmentFields {
  name: string;
  description: string;
  conditions: Condition[];
}

export function segmentFields(segment: FileSegment | Schemas['Segment']): SegmentFields {
  return {
    name: segment.name ?? segment.key,
    description: segment.description ?? '',
    conditions: (segment.conditions ?? []).map(canonicalCondition),
  };
}

export function fileSegment(key: string, fields: SegmentFields): FileSegment {
  return {
    key,
    ...(fields.name === key ? {} : { name: fields.name }),
    ...(fields.description === '' ? {} : { description: fields.description }),
    ...(fields.conditions.length === 0 ? {} : { conditions: fields.conditions }),
  };
}

/** A configuration in its canonical form; a rule's missing percentage (left to people) reads as 0. */
export function canonicalConfig(config: AnyConfig): FileConfig {
  const rules = (config.rules ?? []).map(canonicalRule);
  const variants = (config.variants ?? []).map((variant) => ({
    key: variant.key,
    ...(variant.value === undefined ? {} : { value: variant.value }),
    weight: variant.weight,
    ...(variant.overrides === undefined || variant.overrides.length === 0 ? {} : { overrides: variant.overrides }),
  }));
  const prerequisites = (config.prerequisites ?? []).map((prerequisite) => ({
    flag: prerequisite.flag,
    ...(prerequisite.enabled === false ? { enabled: false } : {}),
    ...(prerequisite.variants === undefined || prerequisite.variants.length === 0
      ? {}
      : { variants: prerequisite.variants }),
  }));
  return {
    enabled: config.enabled ?? false,
    ...(rules.length === 0 ? {} : { rules }),
    ...(variants.length === 0 ? {} : { variants }),
    ...(config.variantsBucketBy === undefined ? {} : { variantsBucketBy: config.variantsBucketBy }),
    ...(config.defaultVariant === undefined ? {} : { defaultVariant: config.defaultVariant }),
    ...(prerequisites.length === 0 ? {} : { prerequisites }),
  };
}

export function canonicalRule(rule: AnyRule): FileRule {
  const segments = rule.segments ?? [];
  const conditions = (rule.conditions ?? []).map(canonicalCondition);
  return {
    ...(rule.name === undefined ? {} : { name: rule.name }),
    ...(segments.length === 0 ? {} : { segments }),
    ...(conditions.length === 0 ? {} : { conditions }),
    rollout: {
      percentage: rule.rollout.percentage ?? 0,
      ...(rule.rollout.bucketBy === undefined ? {} : { bucketBy: rule.rollout.bucketBy }),
      ...(rule.rollout.salt === undefined ? {} : { salt: rule.rollout.salt }),
    },
    ...(rule.variants === undefined
      ? {}
      : {
          variants: rule.variants.map(({ key, value, weight }) => ({
            key,
            ...(value === undefined ? {} : { value }),
            weight,
          })),
        }),
    ...(rule.variantsBucketBy === undefined ? {} : { variantsBucketBy: rule.variantsBucketBy }),
  };
}

export function canonicalCondition(condition: Schemas['Condition'] | Condition): Condition {
  return {
    attribute: condition.attribute,
    // The server only stores operators it knows, and the file's schema lists them all.
    operator: condition.operator as Condition['operator'],
    values: condition.values,
    ...(condition.negate === true ? { negate: true } : {}),
    ...(condition.caseInsensitive === true ? { caseInsensitive: true } : {}),
  };
}

/** A flag's configuration where nothing was ever set: off, no rules. */
export const DEFAULT_CONFIG: FileConfig = { enabled: false };

/** Keys in the order JavaScript compares strings (UTF-16 code units), whatever the locale, so files are the same everywhere. */
export const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
