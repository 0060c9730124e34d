import { conditionFields } from '../../../conditions/condition-fields.js';

/** The fields of the configuration editor, as the server's `error.details[].path` names them. */
export const CONFIG_FIELDS: readonly string[] = [
  'rules.#.name',
  'rules.#.segments',
  ...conditionFields('rules.#.conditions'),
  'rules.#.rollout.percentage',
  'rules.#.rollout.bucketBy',
  'rules.#.rollout.salt',
  'rules.#.variants.#.key',
  'rules.#.variants.#.value',
  'rules.#.variants.#.weight',
  'rules.#.variantsBucketBy',
  'variants.#.key',
  'variants.#.value',
  'variants.#.weight',
  'variants.#.overrides.#.attribute',
  'variants.#.overrides.#.values',
  'variantsBucketBy',
  'defaultVariant',
  'prerequisites.#.flag',
  'prerequisites.#.enabled',
  'prerequisites.#.variants',
];
