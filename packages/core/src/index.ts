export * from './model';
export { compile } from './compile/compile';
export type { CompileOptions, CompiledSnapshot, CompiledFlag, CompiledRule } from './compile/compile';
export type { CompiledGuard, ExposureHook, GuardArm } from './compile/guard';
export { guardArm } from './guard-arm';
export type { GuardExposure } from './guard-arm';
export { liveCompiled } from './compile/live';
export type { LiveCompiled } from './compile/live';
export { conditionProblem } from './compile/condition';
export { evaluate } from './evaluate';
export { murmur3 } from './hash/murmur3';
export { positionOf, thresholdOf, VARIANT_SEED, POSITIONS } from './bucketing';
export { parseIsoDate } from './operators/iso-date';
export { fromUnleash } from './unleash/from-unleash';
export type { UnleashImport } from './unleash/from-unleash';
export { UNLEASH_NOT_CARRIED_CODES } from './unleash/not-carried';
export type { UnleashNotCarriedCode, UnleashNotCarriedReason, UnleashStrategyNotCarried } from './unleash/not-carried';
export { fromUnleashContext } from './unleash/context';
export { toContextValue } from './context-value';
export type * from './unleash/types';
export { applyPatch } from './snapshot/patch';
export type { SnapshotPatch } from './snapshot/patch';
// The stream reader, which `@rampart/core/stream` also serves alone to browsers.
export * from './stream';
// The vocabulary both SDKs share, which `@rampart/core/sdk` also serves alone to browsers.
export * from './sdk';
