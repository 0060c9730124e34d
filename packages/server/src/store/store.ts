import type { Condition, FlagType, JsonValue, Prerequisite, Rule, Snapshot, UnitChain, Variant } from '@rampart/core';

/**
 * The storage port. Every method is async so that a networked database can implement it
 * without changing any caller. Times are ISO 8601 strings; JSON-ish fields are plain data.
 */

export interface EnvironmentRecord {
  key: string;
  name: string;
  /** Increases with every change that affects the environment. */
  version: number;
  createdAt: string;
}

export interface FlagRecord {
  key: string;
  type: FlagType;
  description: string;
  tags: string[];
  owner: string;
  temporary: boolean;
  clientSide: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FlagConfigRecord {
  flag: string;
  environment: string;
  enabled: boolean;
  rules: Rule[];
  variants: Variant[];
  variantsBucketBy?: UnitChain | undefined;
  /** Non-boolean flags: the flag-level variant served when no rule matches. */
  defaultVariant?: string | undefined;
  prerequisites: Prerequisite[];
  /** +1 on every change of this configuration; the `ETag`. */
  version: number;
  updatedAt: string;
}

export interface SegmentRecord {
  key: string;
  name: string;
  description: string;
  conditions: Condition[];
  createdAt: string;
  updatedAt: string;
}

export type KeyKind = 'admin' | 'server' | 'client';

export interface ApiKeyRecord {
  id: string;
  kind: KeyKind;
  /** `null` for admin keys. */
  environment: string | null;
  name: string;
  /** Lower-case hex SHA-256 of the whole secret. */
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

export type AuditTargetKind = 'environment' | 'flag' | 'segment' | 'key';

export interface NewAuditEntry {
  at: string;
  actor: string;
  action: string;
  targetKind: AuditTargetKind;
  target: string;
  environment?: string | undefined;
  before: JsonValue;
  after: JsonValue;
  reason?: string | undefined;
}

export interface AuditEntry extends NewAuditEntry {
  /** Opaque and increasing: a later entry has a greater id. */
  id: string;
}

/** Where a release plan stands; the last three are final. */
export const RELEASE_STATUSES = ['scheduled', 'running', 'paused', 'completed', 'aborted', 'killed'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** One step of a release plan: a rollout percentage, then how long to hold it before the next step. */
export interface ReleaseStep {
  percentage: number;
  /** Seconds to wait at this percentage; the last step needs none. */
  holdSeconds?: number | undefined;
  /** When the plan applied this step; absent until then. */
  appliedAt?: string | undefined;
}

/** What watches a release (stored only: the figures are computed elsewhere). */
export interface ReleaseGuard {
  event: string;
  action: 'kill' | 'pause';
  alpha: number;
  minExposures: number;
}

/**
 * What a plan's guard has measured: plain JSON, written only by the release plans' guard, which
 * checks it when reading it back (the store keeps it as it is).
 */
export interface ReleaseGuardProgress {
  /** The sequential test's state (release-plans/sequential-test.ts), carried across every batch of the plan. */
  state: JsonValue;
  /** The latest figures, as `GET …/release` shows them. */
  figures: JsonValue;
  /** The latest decision: `continue`, `harm` or `sample-ratio-mismatch`. */
  decision: string;
  /** The decisions the guard has acted on, each acted on once: a person who resumes the plan overrides it. */
  acted: string[];
}

/**
 * The part of the configuration a release plan controls, as the plan last saw it: the flag's
 * on/off state and its rule (or, before the plan has a rule, the "everyone" rules). Anything
 * else there differs only when someone else changed it.
 */
export interface ReleaseObserved {
  enabled: boolean;
  rules: Rule[];
}

/** A release plan: one rule's rollout in one environment, moved step by step. */
export interface ReleasePlanRecord {
  id: string;
  flag: string;
  environment: string;
  /** `null` until the first step adds the "everyone" rule the plan was made for. */
  ruleId: string | null;
  steps: ReleaseStep[];
  guard: ReleaseGuard | null;
  /** `null` until the guard has measured anything (and for a plan without a guard). */
  guardProgress: ReleaseGuardProgress | null;
  startAt: string | null;
  status: ReleaseStatus;
  /** How many steps have been applied, from the first. */
  stepsApplied: number;
  /** When the next step is due; `null` unless scheduled or running. */
  nextAt: string | null;
  observed: ReleaseObserved;
  pausedReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface FlagFilter {
  tag?: string | undefined;
  /** Case-insensitive substring of the key or the description. */
  q?: string | undefined;
  /** `undefined`: only live flags; `true`: only archived ones; `false`: only live ones. */
  archived?: boolean | undefined;
}

export interface ConfigFilter {
  flag?: string | undefined;
  environment?: string | undefined;
}

export interface AuditFilter {
  /** Entries whose target is this flag. */
  flag?: string | undefined;
  environment?: string | undefined;
  limit: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | undefined;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** What changed at one environment version: the change log that SDK patches are built from. */
export interface ChangeRecord {
  version: number;
  flags: string[];
  segments: string[];
}

export interface ChangedKeys {
  flags?: readonly string[];
  segments?: readonly string[];
}

export interface StoreReader {
  listEnvironments(): Promise<EnvironmentRecord[]>;
  getEnvironment(key: string): Promise<EnvironmentRecord | undefined>;
  listFlags(filter?: FlagFilter): Promise<FlagRecord[]>;
  getFlag(key: string): Promise<FlagRecord | undefined>;
  listFlagConfigs(filter?: ConfigFilter): Promise<FlagConfigRecord[]>;
  getFlagConfig(flag: string, environment: string): Promise<FlagConfigRecord | undefined>;
  listSegments(): Promise<SegmentRecord[]>;
  getSegment(key: string): Promise<SegmentRecord | undefined>;
  listKeys(): Promise<ApiKeyRecord[]>;
  getKey(id: string): Promise<ApiKeyRecord | undefined>;
  /** Newest first. An unknown cursor gives an empty page. */
  listAudit(filter: AuditFilter): Promise<AuditPage>;
  /** The environment as SDKs see it (archived flags left out), or `undefined` when it does not exist. */
  getSnapshot(environment: string): Promise<Snapshot | undefined>;
  /** The changes recorded after `version`, oldest first. */
  listChangesSince(environment: string, version: number): Promise<ChangeRecord[]>;
  /** The latest release plan of (flag, environment), finished or not. */
  getReleasePlan(flag: string, environment: string): Promise<ReleasePlanRecord | undefined>;
  /** Every environment's latest plan, by flag, then environment. */
  listReleasePlans(filter?: ConfigFilter): Promise<ReleasePlanRecord[]>;
  /** Scheduled and running plans whose next step is due at `at` (ISO 8601) or before, the longest due first. */
  listDueReleasePlans(at: string): Promise<ReleasePlanRecord[]>;
}

export interface StoreWriter extends StoreReader {
  /** Throws `RampartError('conflict')` when the key exists. */
  insertEnvironment(record: EnvironmentRecord): Promise<void>;
  /** Throws `RampartError('conflict')` when the key exists. */
  insertFlag(record: FlagRecord): Promise<void>;
  updateFlag(record: FlagRecord): Promise<void>;
  /** Inserts or replaces the configuration of (flag, environment). */
  putFlagConfig(record: FlagConfigRecord): Promise<void>;
  /** Throws `RampartError('conflict')` when the key exists. */
  insertSegment(record: SegmentRecord): Promise<void>;
  updateSegment(record: SegmentRecord): Promise<void>;
  deleteSegment(key: string): Promise<void>;
  /** Throws `RampartError('conflict')` when the id exists. */
  insertKey(record: ApiKeyRecord): Promise<void>;
  revokeKey(id: string, at: string): Promise<void>;
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Raises the environment's version by one, records what changed at it and returns it. */
  bumpVersion(environment: string, changed: ChangedKeys): Promise<number>;
  /** Inserts the plan, or replaces the plan of its (flag, environment). */
  putReleasePlan(record: ReleasePlanRecord): Promise<void>;
}

export type StoreHealth = { ok: true } | { ok: false; reason: string };

/**
 * A store. `transaction` runs `work` atomically and in isolation: concurrent transactions
 * behave as if they ran one after another, and a rejected `work` leaves nothing behind.
 *
 * @example
 * const version = await store.transaction(async (tx) => tx.bumpVersion('production', { flags: ['a'] }));
 */
export interface Store extends StoreReader {
  transaction<T>(work: (tx: StoreWriter) => Promise<T>): Promise<T>;
  /** Whether the store answers and its migrations are applied. */
  check(): Promise<StoreHealth>;
  close(): Promise<void>;
}
