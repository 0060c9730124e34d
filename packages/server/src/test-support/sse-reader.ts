/** One event as read off the wire. */
export interface ReadEvent {
  event: string | undefined;
  id: string | undefined;
  data: string;
  retry: number | undefined;
  /** Comment lines, without the leading colon. */
  comments: string[];
}

export interface RawStream {
  status: number;
  headers: Headers;
  /** Everything received so far, as text. */
  readonly text: string;
  /** The events received so far (blocks ended by a blank line). */
  events(): ReadEvent[];
  /** Resolves once `condition` holds for what has arrived; rejects if the stream ends first or after `timeoutMs`. */
  until(condition: (stream: RawStream) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the stream: `'end'` when it closed it, `'error'` when the connection broke. */
  readonly ended: Promise<'end' | 'error'>;
  close(): void;
}

/**
 * Opens an SSE response with fetch and keeps every byte, so tests can assert on exactly what
 * a client receives. It never reconnects.
 *
 * @example
 * const stream = await openRawStream(`${url}/api/v1/sdk/stream`, { authorization: `Bearer ${key}` });
 * await stream.until((s) => s.events().length >= 1);
 */
export async function openRawStream(url: string, headers: Record<string, string> = {}): Promise<RawStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  return readRawStream(response, () => abort.abort());
}

/**
 * Keeps every byte of an SSE response already at hand, such as one from `app.request()`;
 * `close()` calls `onClose`, then cancels the body (the server sees the client go).
 *
 * @example
 * const stream = readRawStream(await t.app.request('/api/v1/audit/stream', { headers }));
 */
export function readRawStream(response: Response, onClose: () => void = () => undefined): RawStream {
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of [...waiters]) waiter();
  };
  let finished: 'end' | 'error' | undefined;
  const ended = (async (): Promise<'end' | 'error'> => {
    if (reader === undefined) return 'end';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'end';
        text += decoder.decode(value, { stream: true });
        notify();
      }
    } catch {
      return 'error';
    }
  })().then((outcome) => {
    finished = outcome;
    notify();
    return outcome;
  });
  const stream: RawStream = {
    status: response.status,
    headers: response.headers,
    get text() {
      return text;
    },
    events: () => parseEvents(text),
    until(condition, timeoutMs = 5_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (condition(stream)) done(resolve);
          else if (finished !== undefined)
            done(() => reject(new Error(`the stream ended (${finished}) first; received:\n${text}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`timed out; received:\n${text}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    ended,
    close: () => {
      onClose();
      reader?.cancel().catch(() => undefined);
    },
  };
  return stream;
}

/**
 * Splits SSE text into its complete events.
 *
 * @example
 * parseEvents('event: patch\nid: 3\ndata: {}\n\n'); // [{ event: 'patch', id: '3', data: '{}', ... }]
 */
export function parseEvents(text: string): ReadEvent[] {
  const blocks = text.split('\n\n');
  blocks.pop();
  return blocks.map((block) => {
    const event: ReadEvent = { event: undefined, id: undefined, data: '', retry: undefined, comments: [] };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) event.comments.push(line.slice(1).trim());
      const match = /^(event|id|data|retry): ?(.*)$/.exec(line);
      if (match?.[1] === 'event') event.event = match[2];
      else if (match?.[1] === 'id') event.id = match[2];
      else if (match?.[1] === 'data') data.push(match[2] ?? '');
      else if (match?.[1] === 'retry') event.retry = Number(match[2]);
    }
    event.data = data.join('\n');
    return event;
  });
}
