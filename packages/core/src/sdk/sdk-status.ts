/**
 * Where an SDK stands, in both SDKs:
 * - `initializing`: no answer from the server yet (bootstrap or cached flags, if any, are served);
 * - `ready`: the flags are live;
 * - `degraded`: the server cannot be reached (the SDK reconnects), the key was refused (it does
 *   not), or it did not answer in time at start-up; the last known flags are served;
 * - `closed`: `close()` was called.
 */
export type SdkStatus = 'initializing' | 'ready' | 'degraded' | 'closed';
