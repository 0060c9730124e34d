import { POSITIONS, rolloutSalt, thresholdOf } from '../bucketing';
import type { HashPrefix } from '../hash/murmur3';
import {
  DEFAULT_ROLLOUT_CHAIN,
  DEFAULT_VARIANT_CHAIN,
  FLAG_TYPES,
  RANDOM_UNIT,
  type EvaluationContext,
  type EvaluationResult,
  type FlagGuard,
  type FlagType,
  type Snapshot,
} from '../model';
import { compileCondition, type CompiledCondition } from './condition';
import { guardOf, type CompiledGuard, type ExposureHook } from './guard';
import { matchReason, type RuleFacts, type VariantChoice } from './reasons';
import { preparedResult } from './results';
import { chainOf, isRecord, listOf, stringsOf } from './shape';
import { compileVariant, compileVariants, type CompiledVariant, type CompiledVariants } from './variants';

export interface CompiledRule {
  id: string;
  /**
   * False for a rule that evaluation does not match directly: a malformed rule or one naming a
   * missing segment, which never matches, and a guarded rule (`guard` set), which evaluation
   * hands to `guardedRuleMatches`, so that rules without a guard pay nothing for guards.
   */
  matchable: boolean;
  /** The segments' conditions, then the rule's own. */
  conditions: readonly CompiledCondition[];
  /** Positions admitted, out of {@link POSITIONS}. */
  threshold: number;
  chain: readonly string[];
  salt: HashPrefix;
  /** The variants this rule serves: its own, else the flag's. */
  variants: CompiledVariants | undefined;
  /** The answer with no variant, and with each weighted or pinned variant. */
  matched: EvaluationResult;
  weightedResults: readonly EvaluationResult[];
  overrideResults: readonly EvaluationResult[];
  /** The flag's guard, on the rule that it names. */
  guard: CompiledGuard | undefined;
}

export interface CompiledPrerequisite {
  flag: string;
  enabled: boolean;
  /** `undefined` when any variant will do. */
  variants: ReadonlySet<string | null> | undefined;
}

export interface CompiledFlag {
  key: string;
  type: FlagType;
  enabled: boolean;
  rules: readonly CompiledRule[];
  prerequisites: readonly CompiledPrerequisite[];
  disabled: EvaluationResult;
  unmatched: EvaluationResult;
  prerequisiteFailed: EvaluationResult;
  /** Set while a guarded release plan runs on the flag, and its rule can match. */
  guard: CompiledGuard | undefined;
  /** The answer when it is the same for every context (killed, fully released, no rules); never for a guarded flag. */
  constant: EvaluationResult | undefined;
}

/** A snapshot prepared for evaluation: nothing is parsed, and nothing allocated, per call. */
export interface CompiledSnapshot {
  environment: string;
  version: number;
  flags: ReadonlyMap<string, CompiledFlag>;
  /** Attributes read when a call's context lacks them. */
  base: EvaluationContext;
  random: () => number;
  /** Told of each evaluation of a flag the snapshot does not have. */
  onUnknownFlag: ((flagKey: string) => void) | undefined;
}

export interface CompileOptions {
  /** The clock for `date_*` on a missing `currentTime`; defaults to `Date.now`. */
  now?: () => number;
  /** The source of `$random` units, in [0, 1); defaults to `Math.random`. */
  random?: () => number;
  /**
   * Static attributes under every evaluation's context (an SDK's `appName`, `environment`):
   * read when the call's context lacks them, without building a merged context per call.
   */
  baseContext?: EvaluationContext;
  /** Called when a flag that the snapshot does not have is evaluated (off the fast path). */
  onUnknownFlag?: (flagKey: string) => void;
  /**
   * Called once per compile for each flag whose `guard` names one of its rules that can match;
   * the hook it returns is told of each evaluation that reaches that rule: the context's arm
   * and its unit's number. Flags without a guard never call anything. A throw counts as none.
   */
  onGuardedFlag?: (flagKey: string, guard: FlagGuard) => ExposureHook | undefined;
}

type SegmentTable = ReadonlyMap<string, readonly CompiledCondition[]>;

interface FlagHeader {
  key: string;
  type: FlagType;
  /** Whether the flag has prerequisites: a rule's reason depends on it. */
  prerequisites: boolean;
}

function compileSegments(source: unknown, now: () => number): SegmentTable {
  const segments = new Map<string, readonly CompiledCondition[]>();
  for (const segment of listOf(source)) {
    if (!isRecord(segment) || typeof segment.key !== 'string' || !Array.isArray(segment.conditions)) continue;
    segments.set(
      segment.key,
      segment.conditions.map((condition) => compileCondition(condition, now)),
    );
  }
  return segments;
}

function isPercentage(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 100;
}

function unmatchableRule(flag: FlagHeader, id: string): CompiledRule {
  const matched = preparedResult(flag, true, undefined, 'TARGETING_MATCH', id);
  return {
    id,
    matchable: false,
    conditions: [],
    threshold: 0,
    chain: [],
    salt: rolloutSalt(''),
    variants: undefined,
    matched,
    weightedResults: [],
    overrideResults: [],
    guard: undefined,
  };
}

/** The conditions of the rule's segments, then its own; `undefined` when malformed or a segment is missing. */
function ruleConditions(
  source: Record<string, unknown>,
  segments: SegmentTable,
  now: () => number,
): CompiledCondition[] | undefined {
  const conditions: CompiledCondition[] = [];
  if (source.segments !== undefined && !Array.isArray(source.segments)) return undefined;
  for (const key of stringsOf(source.segments)) {
    const segment = segments.get(key);
    if (segment === undefined) return undefined;
    conditions.push(...segment);
  }
  if (source.conditions !== undefined && !Array.isArray(source.conditions)) return undefined;
  for (const condition of listOf(source.conditions)) conditions.push(compileCondition(condition, now));
  return conditions;
}

function compileRule(
  source: unknown,
  index: number,
  flag: FlagHeader,
  flagVariants: CompiledVariants | undefined,
  segments: SegmentTable,
  now: () => number,
  guard: CompiledGuard | undefined,
): CompiledRule {
  const id = isRecord(source) && typeof source.id === 'string' ? source.id : String(index);
  if (!isRecord(source) || !isRecord(source.rollout)) return unmatchableRule(flag, id);
  const { rollout } = source;
  const { percentage } = rollout;
  const conditions = ruleConditions(source, segments, now);
  if (!isPercentage(percentage) || conditions === undefined) return unmatchableRule(flag, id);
  const salt = typeof rollout.salt === 'string' ? rollout.salt : flag.key;
  const chain = chainOf(rollout.bucketBy, DEFAULT_ROLLOUT_CHAIN);
  const threshold = Math.min(thresholdOf(percentage), POSITIONS);
  const ownVariants = compileVariants(source.variants, chainOf(source.variantsBucketBy, chain), salt, false);
  const variants = ownVariants ?? flagVariants;
  const everyone = listOf(source.segments).length === 0 && listOf(source.conditions).length === 0;
  const facts: RuleFacts = {
    index,
    prerequisites: flag.prerequisites,
    everyone: everyone && threshold >= POSITIONS,
    partial: threshold < POSITIONS,
    weighted: variants?.weighted.length ?? 0,
    overrides: (variants?.overrides.length ?? 0) > 0,
  };
  const result = (variant: CompiledVariant | undefined, choice: VariantChoice) =>
    preparedResult(flag, true, variant, matchReason(facts, choice), id);
  // Guarded or not, every rule comes from this one literal (and unmatchableRule's, alike), so
  // that all have one hidden class and evaluation's property reads stay monomorphic.
  return {
    id,
    matchable: guard === undefined,
    conditions,
    threshold,
    chain,
    salt: rolloutSalt(salt),
    variants,
    matched: result(undefined, 'none'),
    weightedResults: (variants?.weighted ?? []).map((variant) => result(variant, 'weight')),
    overrideResults: (variants?.overrides ?? []).map(({ variant }) => result(variant, 'override')),
    guard,
  };
}

function compilePrerequisites(source: unknown): CompiledPrerequisite[] {
  return listOf(source).map((entry) => {
    if (!isRecord(entry) || typeof entry.flag !== 'string') return { flag: '', enabled: true, variants: new Set() };
    const variants = listOf(entry.variants).filter((v): v is string | null => v === null || typeof v === 'string');
    return {
      flag: entry.flag,
      enabled: entry.enabled !== false,
      variants: variants.length > 0 ? new Set(variants) : undefined,
    };
  });
}

/** Matches every context: no conditions, 100 %, a chain that always resolves, and no variant to pick. */
function matchesEveryone(rule: CompiledRule): boolean {
  const variants = rule.variants;
  const noVariant = variants === undefined || (variants.weighted.length === 0 && variants.overrides.length === 0);
  return rule.conditions.length === 0 && rule.threshold >= POSITIONS && rule.chain.includes(RANDOM_UNIT) && noVariant;
}

/** The flag's answer when no context can change it, else `undefined`. */
function constantOf(flag: Omit<CompiledFlag, 'constant'>): EvaluationResult | undefined {
  // A guarded flag's rule must be reached, to tell which arm each context is in.
  if (flag.prerequisites.length > 0 || flag.guard !== undefined) return undefined;
  if (!flag.enabled) return flag.disabled;
  for (const rule of flag.rules) {
    if (!rule.matchable) continue;
    return matchesEveryone(rule) ? rule.matched : undefined;
  }
  return flag.unmatched;
}

function typeOf(value: unknown): FlagType {
  return FLAG_TYPES.find((type) => type === value) ?? 'boolean';
}

/** The flag-level variant that a non-boolean flag serves when no rule matches, if it names one that exists. */
function defaultVariantOf(source: Record<string, unknown>, type: FlagType): CompiledVariant | undefined {
  const key = source.defaultVariant;
  if (type === 'boolean' || typeof key !== 'string') return undefined;
  const entry = listOf(source.variants).find((variant) => isRecord(variant) && String(variant.key) === key);
  return isRecord(entry) ? compileVariant(entry) : undefined;
}

/**
 * The flag's guard, when the rule it names (the first with that id) can match, with the hook
 * that `onGuardedFlag` gives for it.
 */
function compileGuard(
  key: string,
  source: unknown,
  rules: readonly CompiledRule[],
  onGuardedFlag: CompileOptions['onGuardedFlag'],
): { guard: CompiledGuard; index: number } | undefined {
  const guard = guardOf(source);
  const index = guard === undefined ? -1 : rules.findIndex((rule) => rule.id === guard.ruleId);
  if (guard === undefined || rules[index]?.matchable !== true) return undefined;
  let onExposure: ExposureHook | undefined;
  try {
    onExposure = onGuardedFlag?.(key, guard);
  } catch {
    // The caller's failure: the flag evaluates as it would, counting nothing.
  }
  return { guard: { ...guard, flagKey: key, onExposure }, index };
}

function compileFlag(
  source: Record<string, unknown>,
  key: string,
  segments: SegmentTable,
  now: () => number,
  onGuardedFlag: CompileOptions['onGuardedFlag'],
): CompiledFlag {
  const prerequisites = compilePrerequisites(source.prerequisites);
  const header: FlagHeader = { key, type: typeOf(source.type), prerequisites: prerequisites.length > 0 };
  const flagVariants = compileVariants(
    source.variants,
    chainOf(source.variantsBucketBy, DEFAULT_VARIANT_CHAIN),
    key,
    true,
  );
  const sources = listOf(source.rules);
  const rules = sources.map((rule, index) => compileRule(rule, index, header, flagVariants, segments, now, undefined));
  // The guarded rule, compiled again with its guard: evaluation then takes it, and no other
  // rule, through the guard's path.
  const guarded = compileGuard(key, source.guard, rules, onGuardedFlag);
  if (guarded !== undefined) {
    const { guard, index } = guarded;
    rules[index] = compileRule(sources[index], index, header, flagVariants, segments, now, guard);
  }
  const flag = {
    key,
    type: header.type,
    enabled: source.enabled === true,
    rules,
    prerequisites,
    disabled: preparedResult(header, false, undefined, 'DISABLED', undefined),
    unmatched: preparedResult(header, false, defaultVariantOf(source, header.type), 'DEFAULT', undefined),
    prerequisiteFailed: preparedResult(header, false, undefined, 'PREREQUISITE_FAILED', undefined),
    guard: guarded?.guard,
  };
  return { ...flag, constant: constantOf(flag) };
}

/**
 * Prepares a snapshot for evaluation: `in` lists become sets, patterns, versions, dates and
 * CIDR ranges are parsed, segments are resolved into their rules, salts are pre-hashed and
 * every possible result is built. Never throws: whatever is malformed never matches.
 * Archived flags are left out, so they evaluate as not found.
 *
 * @example
 * const compiled = compile(snapshot);
 * evaluate(compiled, 'new-checkout', { userId: '42' }).enabled;
 */
export function compile(snapshot: Snapshot, options: CompileOptions = {}): CompiledSnapshot {
  const { now = Date.now, random = Math.random, baseContext = {}, onUnknownFlag, onGuardedFlag } = options;
  const source: unknown = snapshot;
  const record = isRecord(source) ? source : {};
  const segments = compileSegments(record.segments, now);
  const flags = new Map<string, CompiledFlag>();
  for (const flag of listOf(record.flags)) {
    if (!isRecord(flag) || typeof flag.key !== 'string' || flag.archived === true) continue;
    flags.set(flag.key, compileFlag(flag, flag.key, segments, now, onGuardedFlag));
  }
  return {
    environment: typeof record.environment === 'string' ? record.environment : '',
    version: typeof record.version === 'number' ? record.version : 0,
    flags,
    base: baseContext,
    random,
    onUnknownFlag,
  };
}
