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
