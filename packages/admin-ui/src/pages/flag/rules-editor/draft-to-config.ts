import type { Schemas } from '../../../api.js';
import { conditionInputOf, conditionProblems, type FieldProblem } from '../../../conditions/condition.js';
import type { ConfigDraft, RuleDraft, VariantDraft } from './draft.js';
import { chainOf, parsePercentage, parseValue, parseWeight, type FlagType, type Parsed } from './draft-values.js';

/** What the editor sends: the configuration without `enabled`, which the switch owns. */
export type ConfigContent = Omit<
  Schemas['FlagConfigInput'],
  'enabled' | 'flag' | 'environment' | 'version' | 'updatedAt'
>;

/** Collects the problems of a draft's fields while reading their values. */
class Reader {
  readonly problems: FieldProblem[] = [];

  read<T>(path: string, parsed: Parsed<T>): T | undefined {
    if (parsed.problem !== undefined) this.problems.push({ path, message: parsed.problem });
    return parsed.value;
  }

  require(path: string, text: string, message: string): void {
    if (text.trim() === '') this.problems.push({ path, message });
  }
}

/**
 * A draft as the configuration to send, or the problems that stop it, each at the path the
 * server would name (`rules.0.rollout.percentage`, `variants.1.value`), so that one place
 * shows the editor's and the server's messages alike.
 *
 * @example
 * const { content, problems } = configOfDraft(draft, 'json');
 */
export function configOfDraft(
  draft: ConfigDraft,
  type: FlagType,
): { content: ConfigContent; problems: FieldProblem[] } {
  const reader = new Reader();
  // Read in the editor's order, so that the summary lists problems as the page shows the fields.
  const rules = draft.rules.map((rule, r) => ruleOf(reader, rule, `rules.${r}`, type));
  const variants = draft.variants.map((variant, v) => variantOf(reader, variant, `variants.${v}`, type, true));
  duplicateKeys(reader, draft.variants, 'variants');
  const defaultVariant = draft.defaultVariant === '' || type === 'boolean' ? undefined : draft.defaultVariant;
  if (defaultVariant !== undefined && !draft.variants.some((variant) => variant.key === defaultVariant)) {
    reader.problems.push({ path: 'defaultVariant', message: `'${defaultVariant}' is not one of the variants` });
  }
  const prerequisites = draft.prerequisites.map((prerequisite, p) => {
    reader.require(`prerequisites.${p}.flag`, prerequisite.flag, 'choose a flag');
    return {
      flag: prerequisite.flag,
      enabled: prerequisite.enabled,
      ...(prerequisite.variants.length === 0 ? {} : { variants: prerequisite.variants }),
    };
  });
  const variantsBucketBy = chainOf(draft.variantsBucketBy);
  const content: ConfigContent = {
    rules,
    variants,
    ...(variantsBucketBy === undefined ? {} : { variantsBucketBy }),
    ...(defaultVariant === undefined ? {} : { defaultVariant }),
    prerequisites,
  };
  return { content, problems: reader.problems };
}

function ruleOf(reader: Reader, rule: RuleDraft, path: string, type: FlagType): Schemas['RuleInput'] {
  const conditions = rule.conditions.map((condition, c) => {
    reader.problems.push(...conditionProblems(condition, `${path}.conditions.${c}`));
    return conditionInputOf(condition);
  });
  const bucketBy = chainOf(rule.bucketBy);
  const variantsBucketBy = chainOf(rule.variantsBucketBy);
  const percentage = reader.read(`${path}.rollout.percentage`, parsePercentage(rule.percentage)) ?? 0;
  const variants = rule.variants.map((variant, v) => variantOf(reader, variant, `${path}.variants.${v}`, type, false));
  duplicateKeys(reader, rule.variants, `${path}.variants`);
  return {
    ...(rule.id === undefined ? {} : { id: rule.id }),
    ...(rule.name === '' ? {} : { name: rule.name }),
    segments: rule.segments,
    conditions,
    rollout: {
      percentage,
      ...(bucketBy === undefined ? {} : { bucketBy }),
      ...(rule.salt === null ? {} : { salt: rule.salt }),
    },
    ...(variants.length === 0 ? {} : { variants }),
    ...(variantsBucketBy === undefined ? {} : { variantsBucketBy }),
  };
}

function variantOf(
  reader: Reader,
  variant: VariantDraft,
  path: string,
  type: FlagType,
  withOverrides: boolean,
): Schemas['VariantInput'] {
  reader.require(`${path}.key`, variant.key, 'enter a key');
  const value = reader.read(`${path}.value`, parseValue(variant.value, type));
  const overrides = variant.overrides.map((override, o) => {
    reader.require(`${path}.overrides.${o}.attribute`, override.attribute, 'name an attribute');
    return { attribute: override.attribute, values: override.values.filter((entry) => entry.trim() !== '') };
  });
  return {
    key: variant.key,
    ...(value === undefined ? {} : { value }),
    weight: reader.read(`${path}.weight`, parseWeight(variant.weight)) ?? 0,
    ...(withOverrides && overrides.length > 0 ? { overrides } : {}),
  };
}

function duplicateKeys(reader: Reader, variants: readonly VariantDraft[], path: string): void {
  const seen = new Set<string>();
  variants.forEach((variant, v) => {
    if (variant.key !== '' && seen.has(variant.key)) {
      reader.problems.push({ path: `${path}.${v}.key`, message: `another variant is called '${variant.key}'` });
    }
    seen.add(variant.key);
  });
}
