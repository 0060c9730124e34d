/**
 * Rampart's flag model: the shapes that the server stores, SDKs receive in a snapshot and
 * `compile` prepares for evaluation. See the project's docs/model.md for the semantics.
 */

export const FLAG_TYPES = ['boolean', 'string', 'number', 'json'] as const;
export type FlagType = (typeof FLAG_TYPES)[number];

export const OPERATORS = [
  'in',
  'not_in',
  'str_contains',
  'str_starts_with',
  'str_ends_with',
  'num_eq',
  'num_gt',
  'num_gte',
  'num_lt',
  'num_lte',
  'date_after',
  'date_before',
  'semver_eq',
  'semver_gt',
  'semver_gte',
  'semver_lt',
  'semver_lte',
  'regex',
  'in_cidr',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** A JSON value, as carried by `json` flags. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type FlagValue = JsonValue;

/**
 * A list of context attributes; the first one present and not empty is the unit that is
 * hashed. `$random` stands for a fresh random unit on every evaluation.
 */
export type UnitChain = readonly string[];

export const RANDOM_UNIT = '$random';
export const DEFAULT_ROLLOUT_CHAIN: UnitChain = ['userId', 'sessionId', RANDOM_UNIT];
export const DEFAULT_VARIANT_CHAIN: UnitChain = ['userId', 'sessionId', 'remoteAddress', RANDOM_UNIT];

export interface Condition {
  attribute: string;
  /** One of {@link OPERATORS}; anything else makes the condition false, even when negated. */
  operator: string;
  values: readonly string[];
  negate?: boolean;
  caseInsensitive?: boolean;
}

export interface Rollout {
  /** 0–100, at most three decimals. */
  percentage: number;
  bucketBy?: UnitChain;
  /** Defaults to the flag key. The empty string is a salt like any other. */
  salt?: string;
}

export interface VariantOverride {
  attribute: string;
  values: readonly string[];
}

export interface Variant {
  key: string;
  /** Of the flag's type; `boolean` flags' variants carry none (their value is their on/off state). */
  value?: FlagValue;
  /** A non-negative integer, relative to the other variants' weights. */
  weight: number;
  /** Pins contexts to this variant (flag-level variants only). */
  overrides?: readonly VariantOverride[];
}

export interface Rule {
  id: string;
  name?: string;
  segments?: readonly string[];
  conditions?: readonly Condition[];
  rollout: Rollout;
  variants?: readonly Variant[];
  variantsBucketBy?: UnitChain;
}

export interface Prerequisite {
  flag: string;
  /** `true` (default): the parent must be on; `false`: it must be off. */
  enabled?: boolean;
  /** With `enabled: true`, the parent's variant must be one of these; `null` means "on with no variant". */
  variants?: readonly (string | null)[];
}

export interface Segment {
  key: string;
  name?: string;
  description?: string;
  conditions: readonly Condition[];
}

/**
 * A running guarded release plan's watch over one rule of a flag: the server compares the rate
 * of `event` between the contexts the rule matches and its rollout lets in (the treatment) and
 * those it matches and leaves out (the control), from counts that the server SDKs send.
 */
export interface FlagGuard {
  /** The rule the plan ramps. */
  ruleId: string;
  /** The key of the event watched, as applications pass it to `track`. */
  event: string;
  /**
   * Opaque; a new one at every step of the plan. Counts are sent per batch, and counts of
   * different batches are never added together.
   */
  batch: string;
}

/** A flag as a snapshot carries it: the flag's fields and one environment's configuration. */
export interface SnapshotFlag {
  key: string;
  type?: FlagType;
  description?: string;
  tags?: readonly string[];
  owner?: string;
  temporary?: boolean;
  clientSide?: boolean;
  archived?: boolean;
  enabled: boolean;
  version?: number;
  rules?: readonly Rule[];
  variants?: readonly Variant[];
  variantsBucketBy?: UnitChain;
  /**
   * Non-boolean flags only: the key of a flag-level variant served, with its value, when no rule
   * matches (the flag stays off: `enabled: false`, `reason: 'DEFAULT'`).
   */
  defaultVariant?: string;
  prerequisites?: readonly Prerequisite[];
  /**
   * Present only while a guarded release plan runs on this flag in this environment. SDKs
   * count, for its rule, the distinct units exposed to each arm and those that had its event.
   */
  guard?: FlagGuard;
}

/** The state of one environment: what SDKs receive and `compile` takes. */
export interface Snapshot {
  environment: string;
  version: number;
  flags: readonly SnapshotFlag[];
  segments: readonly Segment[];
}

/** A flat set of attributes. `null` and `undefined` mean missing. */
export type ContextValue = string | number | boolean | null | undefined;
export type EvaluationContext = Readonly<Record<string, ContextValue>>;

/**
 * Why a flag answered as it did, in OpenFeature's vocabulary. When a rule turned the flag on:
 * `STATIC` (the same answer for everyone), `SPLIT` (a rollout below 100 % or a weighted choice
 * among variants decided), `DEFAULT` (a rule for everyone after rules that did not match),
 * `TARGETING_MATCH` (segments, conditions or an override decided). Off: `DEFAULT` (no rule
 * matched), `DISABLED` (the kill switch), `PREREQUISITE_FAILED`; and `ERROR` for a flag not found.
 */
export const EVALUATION_REASONS = [
  'STATIC',
  'SPLIT',
  'DEFAULT',
  'TARGETING_MATCH',
  'DISABLED',
  'PREREQUISITE_FAILED',
  'ERROR',
] as const;
export type EvaluationReason = (typeof EVALUATION_REASONS)[number];
export type EvaluationErrorCode = 'FLAG_NOT_FOUND';

/**
 * A flag's answer, without how it was reached: what both SDKs hand out, whether they evaluate
 * locally (`evaluate`) or receive results evaluated on the server (`/client/stream`).
 */
export interface FlagResult {
  enabled: boolean;
  /**
   * The chosen variant's key; when no rule matched, the `defaultVariant` of a non-boolean flag
   * that names one; else `null`.
   */
  variant: string | null;
  /**
   * `boolean` flags: always `enabled`. Other types: the value of the variant in `variant`, when
   * it has one; absent otherwise, so that callers use their own default.
   */
  value?: FlagValue;
  reason: EvaluationReason;
}

/**
 * The results of every flag a client key sees: the body of `POST /client/evaluate` and of each
 * `flags` event of `/client/stream`.
 */
export interface FlagResults {
  version?: number;
  flags: Readonly<Record<string, FlagResult>>;
}

/** A flag's answer with how it was reached, as `evaluate` gives it. */
export interface EvaluationResult extends FlagResult {
  flagKey: string;
  ruleId?: string;
  errorCode?: EvaluationErrorCode;
}
