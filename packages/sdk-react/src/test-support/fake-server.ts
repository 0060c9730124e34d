/**
 * A scripted client API for tests, on core's fake platform: its clock moves only when a test
 * advances it, and each `/client/stream` request is answered by `respond` (an open `200` by
 * default), read back (context, key) and written to (`flags` events).
 */
import type { FlagResult } from '@rampart/core/sdk';
import { createFakePlatform, type FakePlatformOptions, type FakeRequest } from '@rampart/core/testing';

export interface ClientStreamRequest {
  url: string;
  /** The decoded `?context=`. */
  context: unknown;
  key: string | null;
  /** When it was made, on the fake clock. */
  at: number;
  /** Sends an SSE `flags` event with these results. */
  sendFlags(flags: Record<string, FlagResult>, version?: number): void;
  /** Sends raw text, such as an event the SDK cannot read. */
  write(text: string): void;
  /** Ends the response, as a server going away would. */
  end(): void;
  readonly aborted: boolean;
}

function clientStreamRequest(request: FakeRequest): ClientStreamRequest {
  const query = new URL(request.url).searchParams;
  const base64 = (query.get('context') ?? '').replace(/-/g, '+').replace(/_/g, '/');
  return {
    url: request.url,
    context: JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)))),
    key: query.get('key'),
    at: request.at,
    sendFlags: (flags, version = 1) => request.write(`event: flags\ndata: ${JSON.stringify({ version, flags })}\n\n`),
    write: (text) => request.write(text),
    end: () => request.end(),
    get aborted() {
      return request.aborted;
    },
  };
}

export function createFakeServer(respond?: FakePlatformOptions['respond']) {
  const platform = createFakePlatform(respond ? { respond } : {});
  return {
    platform,
    get requests(): ClientStreamRequest[] {
      return platform.requests.map(clientStreamRequest);
    },
    /** The latest request: the one a live stream reads. */
    get last(): ClientStreamRequest {
      return clientStreamRequest(platform.last);
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
