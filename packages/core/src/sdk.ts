/**
 * `@rampart/core/sdk`: the vocabulary that both SDKs share and re-export (their status, the
 * results they hand out, their error), without the evaluator, so that browsers can take it alone.
 */
export { SdkError } from './sdk/sdk-error';
export type { SdkErrorCode } from './sdk/sdk-error';
export type { SdkStatus } from './sdk/sdk-status';
export type { FlagResult, FlagResults } from './model';
