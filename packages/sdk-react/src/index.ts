export { createFlagStore } from './store/flag-store';
export type { FlagStore, FlagStoreOptions, StoreConnection } from './store/flag-store';
export type { FlagSnapshot } from './store/types';
// The vocabulary shared with the Node SDK, under this SDK's names too.
export type { EvaluationContext as FlagContext } from '@rampart/core';
export { SdkError } from '@rampart/core/sdk';
export type { FlagResult, FlagResults, SdkErrorCode, SdkStatus, SdkStatus as FlagStatus } from '@rampart/core/sdk';
export { RampartProvider } from './react/rampart-provider';
export type { RampartProviderProps } from './react/rampart-provider';
export { useFlag } from './react/use-flag';
export { useVariant } from './react/use-variant';
export type { VariantResult } from './react/use-variant';
export { useFlags } from './react/use-flags';
export { useFlagSnapshot, useFlagStore } from './react/store-context';
