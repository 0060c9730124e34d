import { CoreError } from '../errors';
import type { Prerequisite, Segment, SnapshotFlag } from '../model';
import { fromUnleashConstraint } from './constraints';
import { flagTypeOf } from './payloads';
import type { UnleashStrategyNotCarried } from './not-carried';
import { EVERYONE_RULE, fromUnleashStrategy, segmentKeyOf } from './strategies';
import type { UnleashDependency, UnleashDocument, UnleashFeature, UnleashSegment, UnleashStrategy } from './types';
import { fromUnleashVariants, variantChain } from './variants';

export interface UnleashImport {
  flags: SnapshotFlag[];
  segments: Segment[];
  /** Strategies that could not be carried over, in document order: each one's rule is off (0 %). */
  notCarried: UnleashStrategyNotCarried[];
}

/** Unleash feature types that are meant to be removed once released. */
const TEMPORARY_TYPES = new Set(['release', 'experiment']);

function fromUnleashDependency(dependency: UnleashDependency): Prerequisite {
  const prerequisite: Prerequisite = { flag: String(dependency.feature ?? ''), enabled: dependency.enabled !== false };
  if (dependency.variants && dependency.variants.length > 0) {
    prerequisite.variants = dependency.variants.map((variant) => (variant === 'disabled' ? null : variant));
  }
  return prerequisite;
}

function strategyOf({ id, name, title }: UnleashStrategy): UnleashStrategyNotCarried['strategy'] {
  const named: UnleashStrategyNotCarried['strategy'] = {};
  if (typeof id === 'string') named.id = id;
  if (typeof name === 'string') named.name = name;
  if (typeof title === 'string' && title !== '') named.title = title;
  return named;
}

function fromUnleashFeature(feature: UnleashFeature): { flag: SnapshotFlag; notCarried: UnleashStrategyNotCarried[] } {
  const key = String(feature.name);
  const type = flagTypeOf(feature);
  const strategies = feature.strategies ?? [];
  const mapped = strategies.map((strategy, index) => ({ strategy, ...fromUnleashStrategy(strategy, index, type) }));
  const variants = feature.variants ?? [];
  const flag: SnapshotFlag = {
    key,
    type,
    enabled: feature.enabled === true,
    temporary: TEMPORARY_TYPES.has(feature.type ?? 'release'),
    rules: strategies.length === 0 ? [EVERYONE_RULE] : mapped.map(({ rule }) => rule),
    variants: fromUnleashVariants(variants, type, true),
    variantsBucketBy: variantChain(variants[0]?.stickiness),
    prerequisites: (feature.dependencies ?? []).map(fromUnleashDependency),
  };
  if (typeof feature.description === 'string' && feature.description !== '') flag.description = feature.description;
  const notCarried = mapped
    .filter(({ reasons }) => reasons.length > 0)
    .map(({ strategy, rule, reasons }) => ({ flag: key, ruleId: rule.id, strategy: strategyOf(strategy), reasons }));
  return { flag, notCarried };
}

function fromUnleashSegment(segment: UnleashSegment): Segment {
  const mapped: Segment = {
    key: segmentKeyOf(segment.id ?? ''),
    name: String(segment.name ?? segment.id ?? ''),
    conditions: (segment.constraints ?? []).map(fromUnleashConstraint),
  };
  if (typeof segment.description === 'string' && segment.description !== '') mapped.description = segment.description;
  return mapped;
}

function isUnleashDocument(document: unknown): document is UnleashDocument {
  return typeof document === 'object' && document !== null && Array.isArray(Reflect.get(document, 'features'));
}

/**
 * Maps an Unleash client-API document (`{ features, segments }`) onto Rampart's model, so
 * that every user keeps the answer, and the cohort, that Unleash gave them.
 *
 * @throws CoreError `invalid_unleash_document` when the document has no `features` list.
 * @example
 * const { flags, segments } = fromUnleash(await (await fetch(`${unleash}/api/client/features`)).json());
 * compile({ environment: 'production', version: 1, flags, segments });
 */
export function fromUnleash(document: unknown): UnleashImport {
  if (!isUnleashDocument(document)) {
    throw new CoreError(
      'invalid_unleash_document',
      'An Unleash client-API document is an object with a "features" list',
    );
  }
  const features = document.features.filter((feature) => typeof feature.name === 'string').map(fromUnleashFeature);
  return {
    flags: features.map(({ flag }) => flag),
    segments: (document.segments ?? []).map(fromUnleashSegment),
    notCarried: features.flatMap(({ notCarried }) => notCarried),
  };
}
