/**
 * A scripted client API for tests: a `StreamPlatform` whose fetch answers `/client/stream`
 * requests with bodies the test writes to, and records every request and whether it was aborted.
 * Timers, decoding and abort signals are the runtime's own.
 */
import { webPlatform, type FetchInit, type FetchResponse, type StreamPlatform } from '@rampart/core/stream';
import type { FlagResult } from '@rampart/core/sdk';

export interface FakeRequest {
  url: string;
  init: FetchInit;
  /** The decoded `?context=`. */
  context: unknown;
  key: string | null;
  /** Sends an SSE `flags` event with these results. */
  sendFlags(flags: Record<string, FlagResult>, version?: number): void;
  /** Ends the response, as a server going away would. */
  end(): void;
  readonly aborted: boolean;
}

export function createFakeServer(respond: (request: FakeRequest) => number = () => 200) {
  const requests: FakeRequest[] = [];
  const encoder = new TextEncoder();
  const platform: StreamPlatform = {
    ...webPlatform(),
    fetch: async (url, init): Promise<FetchResponse> => {
      let push: (text: string) => void = () => undefined;
      let end: () => void = () => undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          push = (text) => controller.enqueue(encoder.encode(text));
          end = () => controller.close();
        },
      });
      const query = new URL(url).searchParams;
      const base64 = (query.get('context') ?? '').replace(/-/g, '+').replace(/_/g, '/');
      const request: FakeRequest = {
        url,
        init,
        context: JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)))),
        key: query.get('key'),
        sendFlags: (flags, version = 1) => push(`event: flags\ndata: ${JSON.stringify({ version, flags })}\n\n`),
        end: () => end(),
        get aborted() {
          return init.signal.aborted;
        },
      };
      requests.push(request);
      const status = respond(request);
      return { status, headers: new Headers(), body: status === 200 ? body : null, text: async () => '' };
    },
  };
  return {
    platform,
    requests,
    /** The latest request: the one a live stream reads. */
    get last(): FakeRequest {
      const last = requests.at(-1);
      if (!last) throw new Error('no request yet');
      return last;
    },
  };
}

export const on = (variant: string | null = null, value: FlagResult['value'] = true): FlagResult => ({
  enabled: true,
  variant,
  value,
  reason: 'TARGETING_MATCH',
});
export const off = (): FlagResult => ({ enabled: false, variant: null, value: false, reason: 'DISABLED' });
