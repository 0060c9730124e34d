import type { Schemas } from '../../../api.js';
import { conditionDraftOf, type ConditionDraft } from '../../../conditions/condition.js';
import { chainText, valueText, type FlagType } from './draft-values.js';

/**
 * A configuration as its editor holds it while a person edits: what they type, as typed
 * (numbers and JSON as text), so that no keystroke is lost to parsing. `configOfDraft`
 * (draft-to-config.ts) reads it back.
 */
export interface ConfigDraft {
  rules: RuleDraft[];
  variants: VariantDraft[];
  /** Blank: the default chain. */
  variantsBucketBy: string;
  /** Blank: none. */
  defaultVariant: string;
  prerequisites: PrerequisiteDraft[];
}

export interface RuleDraft {
  /** What tells rules apart while they move: the rule's id, or a local one until the server gives it one. */
  key: string;
  id?: string;
  name: string;
  segments: string[];
  conditions: ConditionDraft[];
  percentage: string;
  bucketBy: string;
  /** `null`: the flag key (an empty salt is a salt like any other). */
  salt: string | null;
  variants: VariantDraft[];
  variantsBucketBy: string;
}

export interface VariantDraft {
  key: string;
  /** `null`: no value. */
  value: string | null;
  weight: string;
  /** Flag-level variants only. */
  overrides: OverrideDraft[];
}

export interface OverrideDraft {
  attribute: string;
  values: string[];
}

export interface PrerequisiteDraft {
  flag: string;
  enabled: boolean;
  /** `null` stands for "on with no variant"; none listed means any variant. */
  variants: (string | null)[];
}

/** The fields of a configuration that its editor changes (`enabled` is the switch's). */
export const DRAFT_FIELDS = ['rules', 'variants', 'variantsBucketBy', 'defaultVariant', 'prerequisites'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/**
 * A stored configuration as its editor's starting point.
 *
 * @example
 * const draft = draftOf(config, 'string');
 */
export function draftOf(config: Schemas['FlagConfig'], type: FlagType): ConfigDraft {
  return {
    rules: config.rules.map((rule) => ruleDraftOf(rule, type)),
    variants: config.variants.map((variant) => variantDraftOf(variant, type)),
    variantsBucketBy: chainText(config.variantsBucketBy),
    defaultVariant: config.defaultVariant ?? '',
    prerequisites: config.prerequisites.map((prerequisite) => ({
      flag: prerequisite.flag,
      enabled: prerequisite.enabled ?? true,
      variants: [...(prerequisite.variants ?? [])],
    })),
  };
}

function ruleDraftOf(rule: Schemas['Rule'], type: FlagType): RuleDraft {
  return {
    key: rule.id,
    id: rule.id,
    name: rule.name ?? '',
    segments: [...(rule.segments ?? [])],
    conditions: (rule.conditions ?? []).map(conditionDraftOf),
    percentage: String(rule.rollout.percentage),
    bucketBy: chainText(rule.rollout.bucketBy),
    salt: rule.rollout.salt ?? null,
    variants: (rule.variants ?? []).map((variant) => variantDraftOf(variant, type)),
    variantsBucketBy: chainText(rule.variantsBucketBy),
  };
}

function variantDraftOf(variant: Schemas['Variant'], type: FlagType): VariantDraft {
  return {
    key: variant.key,
    value: valueText(variant.value, type),
    weight: String(variant.weight),
    overrides: (variant.overrides ?? []).map((override) => ({
      attribute: override.attribute,
      values: [...override.values],
    })),
  };
}

/**
 * A new rule: everyone who matches its (so far no) conditions, at 100 %.
 *
 * @example
 * newRule('new-1');
 */
export function newRule(key: string): RuleDraft {
  return {
    key,
    name: '',
    segments: [],
    conditions: [],
    percentage: '100',
    bucketBy: '',
    salt: null,
    variants: [],
    variantsBucketBy: '',
  };
}

/** A new variant: no key yet, no value, weight 1. */
export const NEW_VARIANT: VariantDraft = { key: '', value: null, weight: '1', overrides: [] };

/** A new prerequisite: no flag yet, which must be on. */
export const NEW_PREREQUISITE: PrerequisiteDraft = { flag: '', enabled: true, variants: [] };
