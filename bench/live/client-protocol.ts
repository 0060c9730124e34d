/** The messages between a benchmark driver and its SSE client process (`sse-clients.ts`), over Node's IPC channel. */

export type DriverMessage =
  | {
      readonly type: 'connect';
      readonly url: string;
      readonly headers: Record<string, string>;
      readonly count: number;
      readonly timeoutMs: number;
    }
  /** Report, once every stream has seen a patch with `id >= version` (or after `timeoutMs`), when each did. */
  | { readonly type: 'await'; readonly version: number; readonly timeoutMs: number }
  | { readonly type: 'close' };

export type ClientMessage =
  | {
      readonly type: 'connected';
      readonly open: number;
      readonly failed: number;
      readonly firstError: string;
      readonly ms: number;
    }
  /** Arrival times in epoch ms, one per stream that saw the version in time. */
  | { readonly type: 'arrivals'; readonly version: number; readonly arrivals: number[]; readonly missing: number }
  | { readonly type: 'closed' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isDriverMessage(value: unknown): value is DriverMessage {
  return isRecord(value) && (value.type === 'connect' || value.type === 'await' || value.type === 'close');
}

export function isClientMessage(value: unknown): value is ClientMessage {
  return isRecord(value) && (value.type === 'connected' || value.type === 'arrivals' || value.type === 'closed');
}
